import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Database } from '@/db/client';
import { countRunRowsByOutcome, listRunRows, streamRunRows, type RunRowRecord } from '@/db/queries/run-log';
import type { IntegrationRunRow } from '@/db/queries/sync-runs';
import type { RunCounts, RunStatus, RunStep, RunTrigger } from '@/db/schema';
import { csvCell } from '@/lib/insights/csv-export';
import { isConnectorDestination } from './connector-push';
import { displayKey, KEY_SEPARATOR } from './transform';

/** The words the run log shows for a status (the source document's "Completed" and "Failed"). */
export const RUN_STATUS_LABELS: Record<RunStatus, string> = { queued: 'Queued', running: 'Running', completed: 'Completed', failed: 'Failed' };

/** One run as the log shows it. Times are ISO-8601 UTC. */
export interface RunLog {
  id: string;
  integrationId: string;
  trigger: RunTrigger;
  status: RunStatus;
  statusLabel: string;
  message: string | null;
  errorCode: string | null;
  fullResync: boolean;
  attempt: number;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Start to finish (to now while running); null before the start. */
  runtimeMs: number | null;
  asOf: string | null;
  counts: RunCounts;
  apiCalls: number;
  rowsToProcess: number | null;
  rowsProcessed: number;
  steps: RunStep[];
  /** A failed run's rows never sent or decided (a connector run's pending rows; a Salesforce run's rows past its checkpoint): they go with the next run. */
  notSent: number;
}

/** One row the run could not write, with what to do about it. */
export interface RunLogRow {
  /** The key as people read it (composite keys as "a / b"). */
  key: string;
  outcome: 'rejected' | 'no_match';
  recordIds: string[];
  field: string | null;
  errorCode: string | null;
  message: string | null;
  fix: string | null;
}

/** The key a person recognises: the key value, or for a row without one its User ID. */
function shownKey(row: Pick<RunRowRecord, 'key' | 'userId'>): string {
  if (row.key.startsWith(KEY_SEPARATOR)) return `(none; User ID ${row.userId})`;
  return displayKey(row.key.split(`${KEY_SEPARATOR}duplicate${KEY_SEPARATOR}`)[0]);
}

function rowOf(row: RunRowRecord): RunLogRow {
  return { key: shownKey(row), outcome: row.outcome === 'no_match' ? 'no_match' : 'rejected', recordIds: row.recordIds, field: row.field, errorCode: row.errorCode, message: row.message, fix: row.fix };
}

/** A run row of the database as the log shows it. */
export async function runLogOf(db: Database, run: IntegrationRunRow, now: Date): Promise<RunLog> {
  const outcomes = await countRunRowsByOutcome(db, run.workspaceId, run.id);
  const end = run.finishedAt ?? (run.status === 'running' ? now : null);
  return {
    id: run.id, integrationId: run.integrationId, trigger: run.trigger, status: run.status, statusLabel: RUN_STATUS_LABELS[run.status],
    message: run.message, errorCode: run.errorCode, fullResync: run.fullResync, attempt: run.attempt,
    queuedAt: run.queuedAt.toISOString(), startedAt: run.startedAt?.toISOString() ?? null, finishedAt: run.finishedAt?.toISOString() ?? null,
    runtimeMs: run.startedAt && end ? Math.max(0, end.getTime() - run.startedAt.getTime()) : null,
    asOf: run.asOf?.toISOString() ?? null,
    counts: {
      read: run.readCount, unchanged: run.unchangedCount, matched: run.matchedCount, noMatch: run.noMatchCount,
      multipleMatches: run.multipleMatchesCount, updated: run.updatedCount, rejected: run.rejectedCount,
    },
    apiCalls: run.apiCalls, rowsToProcess: run.rowsToProcess, rowsProcessed: run.rowsProcessed, steps: run.steps,
    // Connector runs stage pending run rows; a Salesforce run's rows not yet recorded are those past its checkpoint.
    notSent: run.status !== 'failed' ? 0 : run.config && isConnectorDestination(run.config) ? outcomes.pending : Math.max(0, (run.rowsToProcess ?? run.readCount) - run.rowsProcessed),
  };
}

/** A page of the run's rejected rows (or its no-match keys), with the total for paging. */
export async function runLogRows(db: Database, run: IntegrationRunRow, options: { outcome?: 'rejected' | 'no_match'; page?: number; pageSize?: number } = {}) {
  const outcome = options.outcome ?? 'rejected';
  const pageSize = Math.min(Math.max(1, Math.trunc(options.pageSize ?? 50)), 500);
  const page = Math.max(1, Math.trunc(options.page ?? 1));
  const [rows, counts] = await Promise.all([
    listRunRows(db, { workspaceId: run.workspaceId, runId: run.id, outcomes: [outcome], limit: pageSize, offset: (page - 1) * pageSize }),
    countRunRowsByOutcome(db, run.workspaceId, run.id),
  ]);
  return { rows: rows.map(rowOf), total: counts[outcome], page, pageSize };
}

/** The CSV columns of the rejected-rows download. */
export const REJECTED_CSV_COLUMNS = ['Key', 'Record IDs', 'Field', 'Error code', 'Message', 'Fix'];

/**
 * The run's rejected rows as CSV, streamed in key order batch by batch. Text comes partly from end users'
 * events, so cells that a spreadsheet would run as formulas are defused as in report downloads.
 */
export function rejectedRowsCsv(db: Database, run: IntegrationRunRow): { filename: string; stream: Readable } {
  async function* records(): AsyncGenerator<string[]> {
    for await (const batch of streamRunRows(db, { workspaceId: run.workspaceId, runId: run.id, outcomes: ['rejected'] })) {
      for (const raw of batch) {
        const r = rowOf(raw);
        yield [r.key, r.recordIds.join(' '), r.field, r.errorCode, r.message, r.fix].map((v) => csvCell(v ?? null));
      }
    }
  }
  const stringifier = stringify({ header: true, columns: REJECTED_CSV_COLUMNS });
  const source = Readable.from(records());
  source.on('error', (error) => stringifier.destroy(error));
  source.pipe(stringifier);
  const day = (run.startedAt ?? run.queuedAt).toISOString().slice(0, 10);
  return { filename: `rejected-rows-${day}-${run.id.slice(0, 8)}.csv`, stream: stringifier };
}
