import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { StatusBadge } from '@/components/integrations/grid/run-status';
import { RejectedRows, runRowsShown } from '@/components/integrations/log/rejected-rows';
import { RunsChart } from '@/components/integrations/log/runs-chart';
import { Alert } from '@/components/ui/alert';
import { Card, PageHeader } from '@/components/ui/page';
import { requirePageContext } from '@/lib/auth/session';
import { getIntegrationDetail, getIntegrationRun, listIntegrationRuns } from '@/lib/dal/integrations';
import { listRunRejectedRows } from '@/lib/dal/run-log';
import { isAppError } from '@/lib/errors';
import { formatDuration, formatNumber, formatUtc } from '@/lib/format';
import { lastPageIfPast } from '@/lib/paging';

export const metadata = { title: 'Run log · Data Integration Center' };

const TRIGGERS: Record<string, string> = { manual: 'Run Now', schedule: 'Schedule', api: 'API', inbound: 'Inbound event' };

const PAGE_SIZE = 25;

export default async function RunLogPage({ params, searchParams }: { params: Promise<{ id: string; runId: string }>; searchParams: Promise<{ page?: string; show?: string }> }) {
  const { id, runId } = await params;
  const query = await searchParams;
  const show = runRowsShown(query.show);
  const requested = Number(query.page ?? '1');
  const page = Number.isInteger(requested) && requested > 0 ? requested : 1;
  const ctx = await requirePageContext();
  const loaded = await Promise.all([getIntegrationDetail(ctx, id), getIntegrationRun(ctx, runId), listIntegrationRuns(ctx, id, { limit: 30 }),
    listRunRejectedRows(ctx, id, runId, { outcome: show, page, pageSize: PAGE_SIZE })])
    .catch((error: unknown) => { if (isAppError(error, 'NOT_FOUND')) notFound(); throw error; });
  const [integration, run, recent, rejected] = loaded;
  if (run.integrationId !== integration.id) notFound();
  // A page past the last (an old link, a hand-edited address) shows the last page instead.
  const last = lastPageIfPast(rejected.page, rejected.total, rejected.pageSize);
  if (last !== null) redirect(`/integrations/${id}/runs/${runId}?${show === 'no_match' ? 'show=no-match&' : ''}page=${last}`);
  const counts = run.counts;
  const points = [...recent].reverse().filter((r) => r.status === 'completed' || r.status === 'failed').map((r) => ({
    label: formatUtc(r.startedAt ?? r.queuedAt).slice(5), updated: r.counts.updated, rejected: r.counts.rejected,
    runtimeSeconds: r.runtimeMs === null ? 0 : Math.round(r.runtimeMs / 100) / 10,
  }));
  return (
    <>
      <PageHeader title={`Run log: ${integration.name}`}
        description={`Started ${formatUtc(run.startedAt ?? run.queuedAt)} UTC by ${TRIGGERS[run.trigger] ?? run.trigger}${run.fullResync ? ' (full resync)' : ''}, to ${integration.destinationKind === 'salesforce' ? integration.objectName ?? 'no object' : integration.destinationKind === 'qualtrics' ? 'a Qualtrics JSON event' : 'an external action'}.`}
        actions={<Link href="/integrations" className="text-sm text-brand-700 hover:underline">Back to integrations</Link>} />
      <div className="flex flex-col gap-6">
        <section aria-labelledby="run-summary" className="rounded-lg border border-slate-200 bg-white p-5">
          <div className="mb-4 flex flex-wrap items-center gap-3">
            <h2 id="run-summary" className="text-base font-semibold text-slate-800">Summary</h2>
            <StatusBadge status={run.status} />
            <span className="text-sm text-slate-600">Runtime {run.runtimeMs === null ? '—' : formatDuration(run.runtimeMs)} · {formatNumber(run.apiCalls)} {integration.destinationKind === 'salesforce' ? 'Salesforce API ' : ''}{run.apiCalls === 1 ? 'call' : 'calls'}</span>
          </div>
          {run.status === 'failed' && run.message ? <div className="mb-4"><Alert tone="error">{run.message}</Alert></div> : null}
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
            {([['Rows read', counts.read], ['Unchanged', counts.unchanged], ['Matched', counts.matched], ['No match', counts.noMatch],
              ['Multiple matches', counts.multipleMatches], ['Records updated', counts.updated], ['Rejected', counts.rejected]] as const).map(([label, n]) => (
              <div key={label} className="rounded-md border border-slate-200 p-3">
                <dt className="text-xs text-slate-500">{label}</dt>
                <dd className={`text-lg font-semibold ${label === 'Rejected' && n > 0 ? 'text-red-700' : 'text-slate-900'}`}>{formatNumber(n)}</dd>
              </div>
            ))}
          </dl>
        </section>

        <Card title="Steps">
          {run.steps.length === 0 ? <p className="text-sm text-slate-600">No steps recorded yet.</p> : (
            <ol className="flex flex-col gap-2 text-sm">
              {run.steps.map((s, i) => (
                <li key={`${s.at}-${i}`} className="grid gap-1 border-l-2 border-slate-200 pl-3 sm:grid-cols-[10rem_14rem_1fr]">
                  <span className="font-mono text-xs text-slate-500">{formatUtc(s.at)} UTC</span>
                  <span className="font-medium text-slate-800">{s.name}{s.durationMs !== undefined ? <span className="ml-1 font-normal text-slate-500">({formatDuration(s.durationMs)})</span> : null}</span>
                  <span className="text-slate-700">{s.message}</span>
                </li>
              ))}
            </ol>
          )}
        </Card>

        <RejectedRows rows={rejected.rows} total={rejected.total} page={rejected.page} pageSize={rejected.pageSize} basePath={`/integrations/${id}/runs/${runId}`}
          show={show} counts={{ rejected: counts.rejected, noMatch: counts.noMatch }} />

        {points.length > 0 ? <RunsChart points={points} /> : null}
      </div>
    </>
  );
}
