import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page';
import { Table, Td, Th } from '@/components/ui/table';
import { requirePageContext } from '@/lib/auth/session';
import { SALESFORCE_TAG } from '@/lib/insights/builtin-reports';
import { listWorkspaceReports } from '@/lib/dal/reports';
import { AddTagForm, RemoveTagButton } from './tag-forms';

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageContext();
  const reports = await listWorkspaceReports(ctx);
  const { deleted } = await searchParams;
  return (
    <>
      <PageHeader title="Reports"
        description="Insights reports built from your end users' product events, one row per end user. Reports with the Salesforce tag are offered in the integration wizard."
        actions={(
          <>
            <Link href="/reports/import" className={buttonClass('secondary')}>Import events</Link>
            <Link href="/reports/new" className={buttonClass('primary')}>New custom report</Link>
          </>
        )} />
      {deleted ? <div className="mb-4"><Alert tone="success">Report deleted.</Alert></div> : null}
      <datalist id="known-tags"><option value={SALESFORCE_TAG} /></datalist>
      <Table caption="Insights reports">
        <thead>
          <tr><Th>Report</Th><Th>Kind</Th><Th>Key column</Th><Th>Columns</Th><Th>Tags</Th><Th>Add tag</Th></tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {reports.map((report) => (
            <tr key={report.id}>
              <Td>
                <Link href={`/reports/${encodeURIComponent(report.id)}`} className="font-medium text-brand-700 hover:underline">{report.name}</Link>
                <p className="max-w-sm text-xs text-slate-500">{report.description}</p>
                {report.builtIn ? null : (
                  <Link href={`/reports/${report.id}/edit`} className="text-xs text-brand-700 hover:underline" aria-label={`Edit ${report.name}`}>Edit</Link>
                )}
              </Td>
              <Td>{report.builtIn ? 'Built-in' : 'Custom'}</Td>
              <Td>{report.keyColumn}</Td>
              <Td><span title={report.columns.map((c) => c.name).join(', ')}>{report.columns.length}</span></Td>
              <Td>
                <div className="flex flex-wrap gap-1">
                  {report.tags.length === 0 ? <span className="text-xs text-slate-400">No tags</span> : null}
                  {report.tags.map((tag) => <RemoveTagButton key={tag} reportId={report.id} reportName={report.name} tag={tag} />)}
                </div>
              </Td>
              <Td><AddTagForm reportId={report.id} reportName={report.name} /></Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
