import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page';
import { Table, Td, Th } from '@/components/ui/table';
import { requirePageContext } from '@/lib/auth/session';
import { previewWorkspaceReport, workspaceReportChart } from '@/lib/dal/reports';
import { formatNumber, formatUtc } from '@/lib/format';
import type { ReportValue } from '@/lib/insights/columns';
import { isAppError } from '@/lib/errors';
import type { PreviewOptions, ReportPreview } from '@/lib/insights/report-rows';
import { lastPageIfPast, pageCount } from '@/lib/paging';
import { ReportChartView } from './report-chart';

const PAGE_SIZE = 50;

type SearchParams = Record<string, string | string[] | undefined>;

function cell(value: ReportValue): string {
  if (value === null) return '—';
  if (value instanceof Date) return formatUtc(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return formatNumber(value);
  return String(value);
}

export default async function ReportPreviewPage({ params, searchParams }: { params: Promise<{ reportId: string }>; searchParams: Promise<SearchParams> }) {
  const ctx = await requirePageContext();
  // Report ids are slugs or uuids, so the segment needs no decoding.
  const { reportId } = await params;
  const query = await searchParams;
  const sort = typeof query.sort === 'string' ? query.sort : undefined;
  const direction = query.dir === 'desc' ? 'desc' : 'asc';
  const page = Math.max(1, Math.floor(Number(query.page)) || 1);
  const asOf = new Date();
  const options: PreviewOptions = { page, pageSize: PAGE_SIZE, asOf, sort: sort ? { column: sort, direction } : undefined };

  let preview: ReportPreview;
  let problem: string | null = null;
  try {
    preview = await previewWorkspaceReport(ctx, reportId, options);
  } catch (error) {
    if (isAppError(error, 'NOT_FOUND')) notFound();
    if (!isAppError(error, 'VALIDATION')) throw error;
    // A hand-edited address (unknown sort column, odd page): show the first page and say why.
    problem = error.message;
    preview = await previewWorkspaceReport(ctx, reportId, { pageSize: PAGE_SIZE, asOf });
  }
  const { report, rows, total } = preview;
  const pages = pageCount(total, PAGE_SIZE);
  const activeSort = problem ? report.keyColumn : (sort ?? report.keyColumn);
  const activeDirection = problem ? 'asc' : direction;
  const href = (next: { sort?: string; dir?: string; page?: number }) => {
    const search = new URLSearchParams();
    search.set('sort', next.sort ?? activeSort);
    search.set('dir', next.dir ?? activeDirection);
    search.set('page', String(next.page ?? 1));
    return `/reports/${encodeURIComponent(reportId)}?${search.toString()}`;
  };
  // A page past the last (an old link, a hand-edited address) shows the last page instead.
  const last = lastPageIfPast(preview.page, total, PAGE_SIZE);
  if (last !== null) redirect(href({ sort: activeSort, dir: activeDirection, page: last }));
  const chart = await workspaceReportChart(ctx, reportId, asOf);

  return (
    <>
      <PageHeader title={report.name} description={report.description}
        actions={(
          <>
            <Link href="/reports" className={buttonClass('secondary')}>All reports</Link>
            {report.builtIn ? null : <Link href={`/reports/${report.id}/edit`} className={buttonClass('secondary')}>Edit report</Link>}
            <a href={`/reports/${encodeURIComponent(reportId)}/csv`} className={buttonClass('primary')} download>Download CSV</a>
          </>
        )} />
      <div className="flex flex-col gap-6">
        {problem ? <Alert tone="error">{problem}</Alert> : null}
        <p className="text-sm text-slate-600">
          <strong data-testid="row-count">{total.toLocaleString('en-US')}</strong> {total === 1 ? 'row' : 'rows'} as of {formatUtc(preview.asOf)} UTC ·
          key column {report.keyColumn} · tags {report.tags.length ? report.tags.join(', ') : 'none'}
        </p>
        {chart ? <ReportChartView chart={chart} /> : null}
        <Table caption={`${report.name} rows, sorted by ${activeSort} ${activeDirection === 'asc' ? 'ascending' : 'descending'}`}>
          <thead>
            <tr>
              {report.columns.map((column) => {
                const sorted = column.name === activeSort;
                const nextDir = sorted && activeDirection === 'asc' ? 'desc' : 'asc';
                return (
                  <Th key={column.name} aria-sort={sorted ? (activeDirection === 'asc' ? 'ascending' : 'descending') : 'none'}>
                    <Link href={href({ sort: column.name, dir: nextDir })} className="hover:text-slate-900">
                      {column.name}{sorted ? (activeDirection === 'asc' ? ' ▲' : ' ▼') : ''}
                    </Link>
                  </Th>
                );
              })}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 ? (
              <tr><Td colSpan={report.columns.length}>
                {total > 0 ? (
                  // Rows removed since they were counted: the page past the last was sent to the last above.
                  <Link href={href({ page: pages })} className="text-brand-700 hover:underline">Go to the last page</Link>
                ) : 'No rows yet: send events to the ingestion API, or import them from a CSV file, and they appear here.'}
              </Td></tr>
            ) : rows.map((row, i) => (
              <tr key={`${String(row[report.keyColumn])}-${i}`}>
                {/* Ids, dates and numbers stay on one line (a User ID must not break at its hyphen). */}
                {report.columns.map((column) => (
                  <Td key={column.name}><span className={column.type === 'email' ? undefined : 'whitespace-nowrap'}>{cell(row[column.name])}</span></Td>
                ))}
              </tr>
            ))}
          </tbody>
        </Table>
        <nav aria-label="Pages" className="flex items-center justify-between text-sm">
          {preview.page > 1 ? <Link href={href({ page: Math.min(preview.page - 1, pages) })} className={buttonClass('secondary')}>Previous</Link> : <span />}
          <span className="text-slate-600">Page {formatNumber(preview.page)} of {formatNumber(pages)}</span>
          {preview.page < pages ? <Link href={href({ page: preview.page + 1 })} className={buttonClass('secondary')}>Next</Link> : <span />}
        </nav>
      </div>
    </>
  );
}
