import type { Database } from '@/db/client';
import { advanceSyncState, markStagedRowsSent, nextStagedBatches, recordRunRows, type RunRowInput, type StagedRow } from '@/db/queries/sync-rows';
import { commitWithoutWaitingForDisk } from '@/db/queries/sync-runs';
import type { RecordUpdate, SalesforceClient, WriteResult } from '@/lib/salesforce/client';
import { explainSalesforceError } from '@/lib/salesforce/error-help';
import { BULK_JOB_RECORDS, pushBatch } from './push-batch';
import type { RecordIdsOf } from './resolve-keys';
import type { RunRecorder } from './run-recorder';
import type { RunPlan } from './transform';

/** What the write step needs. */
export interface WriteContext {
  db: Database;
  client: SalesforceClient;
  recorder: RunRecorder;
  plan: RunPlan;
  workspaceId: string;
  integrationId: string;
  mode: 'query' | 'bulk';
  clock: () => Date;
  /** The record ids of a batch's keys (from the run's Bulk lookup, or the SOQL lookup held in memory). */
  recordIdsOf: RecordIdsOf;
  /** Records per Bulk job (bulk mode); rows per database batch of Collections calls (otherwise). */
  bulkJobRecords?: number;
  collectionBatchRows?: number;
}

/** A staged row with the record ids its key resolved to (none: no match). */
interface PendingWrite extends StagedRow {
  recordIds: string[];
}

/** One write batch: its rows, and the staged position right after its last row. */
interface WriteBatch {
  rows: PendingWrite[];
  through: { seq: number; sent: number };
}

/** What one pending row came to once its records were written. */
function outcomeOf(row: PendingWrite, results: Map<string, WriteResult>): RunRowInput {
  const failures = row.recordIds.map((id) => ({ id, result: results.get(id)! })).filter((r) => !r.result.success);
  if (failures.length === 0) return { key: row.key, userId: row.userId, outcome: 'updated', recordIds: row.recordIds };
  const first = failures[0].result.errors[0] ?? { code: 'UNKNOWN_ERROR', message: 'Salesforce refused the record without saying why.', fields: [] };
  const help = explainSalesforceError(first.code);
  const others = row.recordIds.length > 1 ? ` (${failures.length} of the ${row.recordIds.length} matching records were refused)` : '';
  return {
    key: row.key, userId: row.userId, outcome: 'rejected', recordIds: failures.map((f) => f.id), field: first.fields[0] ?? null, errorCode: first.code,
    message: `${first.message}${others}`, fix: help.fix,
  };
}

/** The staged rows not yet written, in staging order, with their position; a few staged batches read at a time. */
async function* stagedRows(db: Database, runId: string): AsyncGenerator<{ row: StagedRow; seq: number; index: number }> {
  let after = -1;
  for (;;) {
    const batches = await nextStagedBatches(db, runId, after, 5);
    if (batches.length === 0) return;
    for (const b of batches) for (let i = b.sent; i < b.rows.length; i++) yield { row: b.rows[i], seq: b.seq, index: i };
    after = batches[batches.length - 1].seq;
  }
}

/**
 * Sends the run's staged rows in staging order, one bounded batch at a time: a batch is up to
 * `bulkJobRecords` rows as one Bulk API 2.0 job, or `collectionBatchRows` rows through sObject Collections
 * calls of 200. Each batch's outcomes (rows refused or without a match; an accepted row's outcome is its sync
 * state), the sync state of the rows Salesforce accepted, the counts and the staged position commit together;
 * a crash between the write and that commit leaves the rows staged, and the resumed run sends them again
 * with the same values.
 */
export async function writeStagedRows(ctx: WriteContext): Promise<{ calls: number; batches: number }> {
  const { recorder } = ctx;
  const limit = ctx.mode === 'bulk' ? ctx.bulkJobRecords ?? BULK_JOB_RECORDS : ctx.collectionBatchRows ?? 1_000;
  const callsBefore = ctx.client.callCount();
  const source = stagedRows(ctx.db, recorder.run.id);
  const nextBatch = async (): Promise<WriteBatch | null> => {
    const staged: Array<{ row: StagedRow; seq: number; index: number }> = [];
    while (staged.length < limit) {
      const next = await source.next();
      if (next.done) break;
      staged.push(next.value);
    }
    if (staged.length === 0) return null;
    const ids = await ctx.recordIdsOf(staged.map((s) => s.row.key));
    const last = staged[staged.length - 1];
    const rows = staged.map((s) => Object.assign(s.row, { recordIds: (ids.get(s.row.key) ?? []).sort() }));
    return { rows, through: { seq: last.seq, sent: last.index + 1 } };
  };
  let batches = 0;
  // Salesforce works on batch N+1 while the database records batch N: the database steps stay in order
  // (record N, then read N+2), and a batch counts as done only once its own commit is through.
  let batch = await nextBatch();
  let recording: Promise<void> = Promise.resolve();
  try {
    while (batch) {
      const sending = sendBatch(ctx, batch.rows);
      const reading = recording.then(() => nextBatch());
      reading.catch(() => undefined);
      const results = await sending;
      const next = await reading;
      recording = recordBatch(ctx, batch, results);
      batch = next;
      batches++;
    }
  } finally {
    // Whatever stops the loop, the batch already sent is recorded before the run ends or fails.
    await recording.catch(() => undefined);
    await source.return(undefined);
  }
  await recording;
  return { calls: ctx.client.callCount() - callsBefore, batches };
}

function sendBatch(ctx: WriteContext, rows: PendingWrite[]): Promise<Map<string, WriteResult>> {
  const updates: RecordUpdate[] = [];
  for (const row of rows) for (const id of row.recordIds) updates.push({ ...row.values, Id: id });
  return pushBatch(ctx.client, ctx.plan.objectName, updates, ctx.mode === 'bulk' ? 'bulk' : 'collections');
}

/**
 * Commits one sent batch: outcome rows for the rows with a refused record or no match (they carry their own
 * message), the sync state of the accepted rows in one statement, counts, progress and the staged position.
 */
async function recordBatch(ctx: WriteContext, batch: WriteBatch, results: Map<string, WriteResult>): Promise<void> {
  const { recorder } = ctx;
  const outcomes: RunRowInput[] = [];
  const accepted: Array<{ key: string; hash: string; recordIds: string[] }> = [];
  let matched = 0;
  let multiple = 0;
  let noMatch = 0;
  let updated = 0;
  for (const row of batch.rows) {
    if (row.recordIds.length === 0) {
      noMatch++;
      outcomes.push({ key: row.key, userId: row.userId, outcome: 'no_match' });
      continue;
    }
    matched++;
    if (row.recordIds.length > 1) multiple++;
    const outcome = outcomeOf(row, results);
    updated += row.recordIds.filter((id) => results.get(id)!.success).length;
    if (outcome.outcome === 'updated') accepted.push({ key: row.key, hash: row.hash, recordIds: row.recordIds });
    else outcomes.push(outcome);
  }
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    await commitWithoutWaitingForDisk(db);
    await recordRunRows(db, recorder.run.id, ctx.workspaceId, outcomes, now);
    await advanceSyncState(db, { integrationId: ctx.integrationId, workspaceId: ctx.workspaceId, runId: recorder.run.id, now }, accepted);
    await markStagedRowsSent(db, recorder.run.id, batch.through);
    const c = recorder.counts;
    c.matched += matched;
    c.multipleMatches += multiple;
    c.noMatch += noMatch;
    c.updated += updated;
    c.rejected += outcomes.length - noMatch;
    recorder.rowsProcessed += batch.rows.length;
    await recorder.save(db);
  });
}
