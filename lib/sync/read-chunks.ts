import type { Database } from '@/db/client';
import { findSyncStates, touchSyncState, type RunRowInput, type SyncStateEntry, type SyncStateTouch } from '@/db/queries/sync-rows';
import type { FieldValues } from '@/db/schema';
import { streamReportBatches } from '@/lib/insights/report-rows';
import type { KeySet } from './key-set';
import { readAhead } from './read-ahead';
import { KEY_SEPARATOR, transformRow, type AcceptedRow, type RejectedRow, type RunPlan } from './transform';

/** A row to send: its key, report User ID, values (converted and validated), their hash and the records its key resolved to. */
export interface PendingRow {
  key: string;
  userId: string;
  hash: string;
  values: FieldValues;
  /** When the row next changes with time (epoch milliseconds; null: never), kept in the sync state. */
  validUntil: number | null;
  /** Filled in place once the chunk's keys are resolved (none: no match). */
  recordIds: readonly string[];
}

const UNRESOLVED: readonly string[] = Object.freeze([]);

/**
 * A stretch of the report in User ID order, everything the run decided about it: the rows to send, the rows
 * rejected before sending, how many rows it covers and how many of them were unchanged. A chunk is the unit
 * of the run's checkpoint: it is written (one Bulk job, or a few Collections calls) and recorded with its
 * counts in one commit, after which the run resumes after `throughUserId`.
 */
export interface Chunk {
  rows: PendingRow[];
  rejected: RunRowInput[];
  read: number;
  unchanged: number;
  /** The last User ID the chunk covers. */
  throughUserId: string | null;
  /** The report's last chunk. */
  last: boolean;
}

/** What the read needs: where to read, what for, and where a resumed attempt starts. */
export interface ChunkReadOptions {
  db: Database;
  plan: RunPlan;
  workspaceId: string;
  integrationId: string;
  reportId: string;
  asOf: Date;
  /** Compare each row with the sync state (false: a full resync, or an integration with none, sends every row). */
  compare: boolean;
  after: string | null;
  /** Only these User IDs (in report order), when the run reads only what may have changed (lib/sync/incremental.ts). */
  only?: readonly string[];
  /** Keys claimed by earlier rows of the run (a resumed attempt starts with those of earlier attempts). */
  claimed: KeySet;
  /** Report rows per query. */
  batchSize: number;
  /** A chunk closes once it holds this many rows to send or rejected. */
  chunkRows: number;
  /**
   * While the attempt has fewer rows to send than `below` (a run written through sObject Collections), a
   * chunk closes at `rows` instead: each Collections call's worth is recorded, with its progress and
   * checkpoint, as soon as it is written.
   */
  smallChunks: { below: number; rows: number };
  /** Called after every report batch with the number of rows to send found so far by this attempt. */
  onRows?: (toSend: number) => void;
}

/** How long a chunk with nothing to send may grow (a long unchanged stretch still moves the checkpoint). */
const IDLE_CHUNK_MS = 1_000;

const rejectedRow = (r: RejectedRow, key = r.key): RunRowInput => ({
  key, userId: r.userId, outcome: 'rejected', field: r.field, errorCode: r.code, message: r.reason, fix: r.fix,
});

/** The run-row key of a second row with an already claimed key: unique per User ID, shown as the key itself. */
const duplicateKey = (row: { key: string; userId: string }) => `${row.key}${KEY_SEPARATOR}duplicate${KEY_SEPARATOR}${row.userId}`;

function duplicateOf(row: AcceptedRow, plan: RunPlan): RunRowInput {
  const columns = plan.keys.map((k) => `"${k.column}"`).join(' and ');
  return {
    key: duplicateKey(row), userId: row.userId, outcome: 'rejected', field: plan.keys[0].column,
    errorCode: 'DUPLICATE_KEY',
    message: `Another report row (an earlier User ID) has the same ${columns}, so this row was not sent: one record cannot take two sets of values in one run.`,
    fix: `Make ${columns} unique per end user, or match on User ID instead.`,
  };
}

const emptyChunk = (after: string | null): Chunk => ({ rows: [], rejected: [], read: 0, unchanged: 0, throughUserId: after, last: false });

/**
 * Reads the report as a stream (as of the run's fixed time, after `after`; the next batch computed while
 * one is converted) and cuts it into chunks. Every row is converted and validated: a value that cannot fit
 * makes a rejected row with its reason; a row whose values hash equals the one Salesforce last accepted for
 * its key is unchanged (counted only, unless a full resync is asked for); a key an earlier row of the run
 * claimed (by any row but an unchanged one) makes a duplicate; the rest are rows to send. In report order
 * (User ID): of two rows with one key, the later is the duplicate.
 */
export async function* readChunks(options: ChunkReadOptions): AsyncGenerator<Chunk> {
  const { plan, claimed } = options;
  const stream = streamReportBatches(options.db, options.workspaceId, options.reportId, {
    asOf: options.asOf, batchSize: options.batchSize, after: options.after, only: options.only, withValidUntil: true,
  });
  let chunk = emptyChunk(options.after);
  let opened = Date.now();
  let toSend = 0;
  for await (const batch of readAhead(stream)) {
    const results = batch.rows.map((row, i) => transformRow(row, batch.userIds[i], plan));
    const keys = results.filter((t): t is AcceptedRow => t.ok).map((t) => t.key);
    const states = options.compare ? await findSyncStates(options.db, options.integrationId, keys) : new Map<string, SyncStateEntry>();
    const validUntil = batch.validUntil!;
    const touches: SyncStateTouch[] = [];
    // Decided for the whole batch first, so the chunk size is known before the batch is cut.
    const decided = results.map((t, i): PendingRow | RunRowInput | null => {
      if (!t.ok) return rejectedRow(t, t.code === 'MISSING_KEY' || claimed.add(t.key) ? t.key : duplicateKey(t));
      const state = states.get(t.key);
      if (state?.hash === t.hash) {
        // Unchanged; the state learns whose row it is and until when it holds, for the next incremental read.
        if (state.userId !== t.userId || state.validUntil !== validUntil[i]) touches.push({ key: t.key, userId: t.userId, validUntil: validUntil[i] });
        return null;
      }
      if (!claimed.add(t.key)) return duplicateOf(t, plan);
      return { key: t.key, userId: t.userId, hash: t.hash, values: t.values, validUntil: validUntil[i], recordIds: UNRESOLVED };
    });
    if (touches.length > 0) await touchSyncState(options.db, options.integrationId, touches);
    let sendsInBatch = 0;
    for (const d of decided) if (d !== null && 'hash' in d) sendsInBatch++;
    const limit = toSend + sendsInBatch < options.smallChunks.below ? options.smallChunks.rows : options.chunkRows;
    for (let i = 0; i < decided.length; i++) {
      const d = decided[i];
      if (d === null) chunk.unchanged++;
      else if ('hash' in d) { // a row to send (a rejected row's hash is valuesHash)
        chunk.rows.push(d);
        toSend++;
      } else chunk.rejected.push(d);
      chunk.read++;
      chunk.throughUserId = batch.userIds[i];
      if (chunk.rows.length + chunk.rejected.length >= limit) {
        options.onRows?.(toSend);
        yield chunk;
        chunk = emptyChunk(chunk.throughUserId);
        opened = Date.now();
      }
    }
    options.onRows?.(toSend);
    if (chunk.rows.length + chunk.rejected.length === 0 && chunk.read > 0 && Date.now() - opened >= IDLE_CHUNK_MS) {
      yield chunk;
      chunk = emptyChunk(chunk.throughUserId);
      opened = Date.now();
    }
  }
  yield { ...chunk, last: true };
}
