import type { IntegrationRunRow } from '@/db/queries/integration-runs';
import type { RunCounts, RunStatus, RunStep, RunTrigger } from '@/db/schema';

/** The words the product shows for each status ("Completed" and "Failed" are the source document's). */
export const RUN_STATUS_LABELS: Record<RunStatus, string> = { queued: 'Queued', running: 'Running', completed: 'Completed', failed: 'Failed' };

/** A run as the grid, the Log overlay and `GET /api/v1/runs/{id}` show it. */
export interface RunView {
  id: string;
  integrationId: string;
  integrationVersion: number;
  trigger: RunTrigger;
  fullResync: boolean;
  status: RunStatus;
  statusLabel: string;
  message: string | null;
  errorCode: string | null;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** From start to finish (or to now while running); null before it starts. */
  runtimeMs: number | null;
  asOf: Date | null;
  attempt: number;
  progress: { rowsProcessed: number; rowsToProcess: number | null; percent: number | null };
  counts: RunCounts;
  apiCalls: number;
  steps: RunStep[];
}

/** The run row as a view; `now` measures the runtime of a run still going. */
export function runView(row: IntegrationRunRow, now: Date = new Date()): RunView {
  const end = row.finishedAt ?? (row.status === 'running' ? now : null);
  const { rowsProcessed, rowsToProcess } = row;
  return {
    id: row.id, integrationId: row.integrationId, integrationVersion: row.integrationVersion, trigger: row.trigger,
    fullResync: row.fullResync, status: row.status, statusLabel: RUN_STATUS_LABELS[row.status], message: row.message,
    errorCode: row.errorCode, queuedAt: row.queuedAt, startedAt: row.startedAt, finishedAt: row.finishedAt,
    runtimeMs: row.startedAt && end ? end.getTime() - row.startedAt.getTime() : null, asOf: row.asOf, attempt: row.attempt,
    progress: {
      rowsProcessed, rowsToProcess,
      percent: rowsToProcess ? Math.min(100, Math.floor((rowsProcessed / rowsToProcess) * 100)) : rowsToProcess === 0 ? 100 : null,
    },
    counts: {
      read: row.readCount, unchanged: row.unchangedCount, matched: row.matchedCount, noMatch: row.noMatchCount,
      multipleMatches: row.multipleMatchesCount, updated: row.updatedCount, rejected: row.rejectedCount,
    },
    apiCalls: row.apiCalls, steps: row.steps,
  };
}
