'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useEffect, useState } from 'react';
import { FailedRunMessage } from './failed-run-message';
import { RowActions } from './row-actions';
import { RelativeTime, RunProgress, StatusBadge } from './run-status';
import { scheduleLabel } from './schedule-label';
import type { GridActions, IntegrationGridRow } from './types';

const ENVIRONMENT: Record<string, string> = { sandbox: 'Sandbox', production: 'Production' };
const CONNECTOR_KIND: Record<string, string> = { qualtrics: 'Qualtrics JSON event', action: 'External action' };

/** Text that wraps between words only: "follow-up" or "Review-2" stays whole on its line. */
function Words({ text }: { text: string }) {
  return text.split(' ').map((word, i) => (
    <Fragment key={i}>{i > 0 ? ' ' : null}<span className="whitespace-nowrap">{word}</span></Fragment>
  ));
}

/**
 * The Integrations grid. While any run is queued or running it polls the rows (react-query) so the progress
 * bar moves, and stops polling once every run is done.
 */
export function IntegrationsGrid({ initial, isAdmin, actions }: { initial: IntegrationGridRow[]; isAdmin: boolean; actions: GridActions }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ['integrations'],
    queryFn: async () => {
      const result = await actions.rows();
      if (!result.ok) throw new Error(result.message);
      return result.data;
    },
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.some((r) => r.activeRun) ? 1500 : false),
  });
  // Relative times ("5 min ago") move on without a refetch.
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const refetch = () => void queryClient.invalidateQueries({ queryKey: ['integrations'] });
  const rows = query.data;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Integrations: hover or focus a row for Edit and more actions</caption>
        <thead className="bg-slate-50">
          <tr>
            {['Name', 'Report', 'Destination', 'Environment', 'Schedule', 'Last run', 'Next run'].map((h) => (
              <th key={h} scope="col" className="whitespace-nowrap px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">{h}</th>
            ))}
            <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className="group hover:bg-slate-50 focus-within:bg-slate-50">
              <th scope="row" className="px-3 py-3 text-left font-medium text-slate-900"><Words text={row.name} /></th>
              <td className="px-3 py-3 text-slate-700"><Words text={row.reportName} /></td>
              <td className="px-3 py-3 text-slate-700"><Words text={row.destinationLabel ?? row.objectName ?? '—'} /></td>
              <td className="px-3 py-3 text-slate-700">
                {row.destinationKind !== 'salesforce' ? CONNECTOR_KIND[row.destinationKind] : row.environment ? ENVIRONMENT[row.environment] : 'No account'}
                {row.accountUsername ? <span className="block text-xs text-slate-500">{row.accountUsername}</span> : null}
                {!row.accountConnected ? <span className="block text-xs text-red-700">Needs a connected account</span> : null}
              </td>
              <td className="px-3 py-3 text-slate-700">
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <span className="whitespace-nowrap">{scheduleLabel(row.scheduleCron, row.scheduleTimezone)}</span>
                  {!row.enabled ? <span className="rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-800 ring-1 ring-amber-200">Paused</span> : null}
                </div>
              </td>
              <td className="px-3 py-3">
                {row.activeRun ? (
                  <RunProgress status={row.activeRun.status} processed={row.activeRun.rowsProcessed} total={row.activeRun.rowsToProcess} label={`Progress of ${row.name}`} />
                ) : row.lastRun ? (
                  <div className="flex flex-col gap-0.5">
                    <div className="flex items-center gap-2 whitespace-nowrap"><StatusBadge status={row.lastRun.status} /><RelativeTime at={row.lastRun.at} now={now} past /></div>
                    {row.lastRun.status === 'failed' && row.lastRun.message ? (
                      <FailedRunMessage message={row.lastRun.message} name={row.name} logHref={`/integrations/${row.id}/runs/${row.lastRun.id}`} />
                    ) : null}
                    {row.lastRun.status === 'completed' && row.lastRun.rejected > 0 ? <span className="text-xs text-amber-800">{row.lastRun.rejected} rejected {row.lastRun.rejected === 1 ? 'row' : 'rows'}</span> : null}
                  </div>
                ) : <span className="text-slate-500">Not run yet</span>}
              </td>
              <td className="px-3 py-3 whitespace-nowrap text-slate-700">{row.nextRunAt ? <RelativeTime at={row.nextRunAt} now={now} />
                // The Schedule column's badge already says Paused; here only that no run is coming.
                : <span className="text-slate-400" title="No scheduled run while paused. Resume the schedule from the row's menu.">—<span className="sr-only">none while paused</span></span>}</td>
              <td className="px-3 py-3"><RowActions row={row} isAdmin={isAdmin} actions={actions} onChanged={refetch} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
