'use client';

import { Tooltip } from '@/components/ui/tooltip';
import { formatNumber, formatRelative, formatUtc } from '@/lib/format';

const BADGE: Record<string, string> = {
  completed: 'bg-green-50 text-green-800 ring-green-200',
  failed: 'bg-red-50 text-red-800 ring-red-200',
  running: 'bg-brand-50 text-brand-900 ring-brand-100',
  queued: 'bg-slate-100 text-slate-700 ring-slate-200',
};
const LABEL: Record<string, string> = { completed: 'Completed', failed: 'Failed', running: 'Running', queued: 'Queued' };

/** A run's status as a coloured word (the words the Log uses: "Completed", "Failed"). */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${BADGE[status] ?? BADGE.queued}`}>{LABEL[status] ?? status}</span>;
}

/**
 * A time in words ("5 min ago"), with the exact UTC time on hover and keyboard focus. A `past` time (a run
 * that happened) never reads "in a moment" when the browser's clock is a little behind the server's.
 */
export function RelativeTime({ at, now, past = false }: { at: Date | string; now: Date; past?: boolean }) {
  const exact = `${formatUtc(at)} UTC`;
  const shown = past && new Date(at).getTime() > now.getTime() ? now : at;
  return (
    <Tooltip content={exact}>
      <time dateTime={new Date(at).toISOString()} tabIndex={0} className="cursor-default underline decoration-slate-300 decoration-dotted underline-offset-2">
        {formatRelative(shown, now)}<span className="sr-only"> ({exact})</span>
      </time>
    </Tooltip>
  );
}

/** Live progress of an active run: rows processed of rows to process, or a busy bar before the total is known. */
export function RunProgress({ status, processed, total, label }: { status: string; processed: number; total: number | null; label: string }) {
  const percent = total && total > 0 ? Math.min(100, Math.round((processed / total) * 100)) : null;
  const text = status === 'queued' ? 'Waiting to start…' : total === null ? `${formatNumber(processed)} rows so far` : `${formatNumber(processed)} of ${formatNumber(total)} rows`;
  return (
    <div className="flex w-56 flex-col gap-1">
      <div className="flex items-center gap-2"><StatusBadge status={status} /><span className="text-xs text-slate-600">{text}</span></div>
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent ?? undefined} aria-valuetext={text}
        className="h-1.5 w-full overflow-hidden rounded-full bg-slate-200">
        <div className={`h-full rounded-full bg-brand-600 transition-[width] duration-500 ${percent === null ? 'w-1/3 animate-pulse' : ''}`}
          style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
    </div>
  );
}
