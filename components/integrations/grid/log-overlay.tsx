'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Dialog } from '@/components/ui/dialog';
import { formatDuration, formatUtc } from '@/lib/format';
import { StatusBadge } from './run-status';
import type { GridActions, IntegrationGridRow } from './types';

/**
 * The "Log" overlay: report name and Salesforce object (or JSON event or action), then one row per run with "Start date" (UTC),
 * "Runtime" and "Status"; "Show log" on a hovered or focused row opens the full log. X and Escape close it
 * and focus returns to where it was opened from.
 */
export function LogOverlay({ row, open, onOpenChange, runs, finalFocus }: {
  row: IntegrationGridRow;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  runs: GridActions['runs'];
  finalFocus?: React.RefObject<HTMLElement | null>;
}) {
  const query = useQuery({
    queryKey: ['runs', row.id],
    queryFn: async () => {
      const result = await runs(row.id);
      if (!result.ok) throw new Error(result.message);
      return result.data;
    },
    enabled: open,
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === 'queued' || r.status === 'running') ? 2000 : false),
  });
  return (
    <Dialog open={open} onOpenChange={onOpenChange} size="lg" finalFocus={finalFocus} title={`Log: ${row.name}`}
      description={<>Report <strong className="font-medium text-slate-800">{row.reportName}</strong> to {row.destinationLabel
        ? <strong className="font-medium text-slate-800">{row.destinationLabel}</strong>
        : <>Salesforce object <strong className="font-medium text-slate-800">{row.objectName ?? 'none'}</strong></>}</>}>
      {query.isLoading ? <p role="status" className="text-sm text-slate-600">Loading the runs…</p> : null}
      {query.error ? <p role="alert" className="text-sm text-red-700">{query.error.message}</p> : null}
      {query.data && query.data.length === 0 ? <p className="text-sm text-slate-600">No runs yet. Use Run Now in the row&apos;s menu, or wait for the schedule.</p> : null}
      {query.data && query.data.length > 0 ? (
        <div className="overflow-x-auto rounded-md border border-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Runs of {row.name}, newest first</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="px-3 py-2 text-left text-xs font-semibold text-slate-600">Start date</th>
                <th scope="col" className="px-3 py-2 text-left text-xs font-semibold text-slate-600">Runtime</th>
                <th scope="col" className="px-3 py-2 text-left text-xs font-semibold text-slate-600">Status</th>
                <th scope="col" className="px-3 py-2"><span className="sr-only">Details</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {query.data.map((run) => (
                <tr key={run.id} className="group hover:bg-slate-50 focus-within:bg-slate-50">
                  <td className="px-3 py-2 whitespace-nowrap">{formatUtc(run.startedAt ?? run.queuedAt)} UTC</td>
                  <td className="px-3 py-2 whitespace-nowrap">{run.runtimeMs === null ? '—' : formatDuration(run.runtimeMs)}</td>
                  <td className="px-3 py-2"><StatusBadge status={run.status} />{run.rejected > 0 ? <span className="ml-2 text-xs text-amber-800">{run.rejected} rejected</span> : null}</td>
                  <td className="px-3 py-2 text-right">
                    <Link href={`/integrations/${row.id}/runs/${run.id}`}
                      className="text-sm font-medium text-brand-700 underline-offset-2 opacity-0 group-hover:opacity-100 group-focus-within:opacity-100 focus:opacity-100 hover:underline">
                      Show log<span className="sr-only"> of the run started {formatUtc(run.startedAt ?? run.queuedAt)} UTC</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Dialog>
  );
}
