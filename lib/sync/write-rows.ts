import type { Database } from '@/db/client';
import { nextPendingWrites, settleAcceptedRows, settleRunRows, type PendingWrite, type RunRowInput } from '@/db/queries/sync-runs';
import type { RecordUpdate, SalesforceClient, WriteResult } from '@/lib/salesforce/client';
import { explainSalesforceError } from '@/lib/salesforce/error-help';
import { BULK_JOB_RECORDS, pushBatch } from './push-batch';
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
  /** Records per Bulk job (bulk mode); rows per database batch of Collections calls (otherwise). */
  bulkJobRecords?: number;
  collectionBatchRows?: number;
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

/**
 * Sends the run's pending rows in key order, one bounded batch at a time: a batch is up to
 * `bulkJobRecords` records as one Bulk API 2.0 job, or the same through sObject Collections calls of 200.
 * Each batch's outcomes, the sync state of the rows Salesforce accepted, the counts and the checkpoint are
 * committed together; a crash between the write and that commit leaves the rows pending, and the resumed
 * run sends them again with the same values.
 */
export async function writePendingRows(ctx: WriteContext): Promise<{ calls: number; batches: number }> {
  const { recorder } = ctx;
  const limit = ctx.mode === 'bulk' ? ctx.bulkJobRecords ?? BULK_JOB_RECORDS : ctx.collectionBatchRows ?? 1_000;
  const callsBefore = ctx.client.callCount();
  let batches = 0;
  // Salesforce works on batch N+1 while the database records batch N: the database steps stay in order
  // (record N, then read N+2), and a batch counts as done only once its own commit is through.
  let rows = await nextPendingWrites(ctx.db, recorder.run.id, null, limit);
  let recording: Promise<void> = Promise.resolve();
  try {
    while (rows.length > 0) {
      const after = rows[rows.length - 1].key;
      const sending = sendBatch(ctx, rows);
      const reading = recording.then(() => nextPendingWrites(ctx.db, recorder.run.id, after, limit));
      reading.catch(() => undefined);
      const results = await sending;
      const next = await reading;
      const sent = rows;
      recording = recordBatch(ctx, sent, results);
      rows = next;
      batches++;
    }
  } finally {
    // Whatever stops the loop, the batch already sent is recorded before the run ends or fails.
    await recording.catch(() => undefined);
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
 * Commits one sent batch: the rows with a refused record or no match one by one (they carry their own
 * message), the accepted rows and their sync state in one set-based statement, counts and progress, together.
 */
async function recordBatch(ctx: WriteContext, rows: PendingWrite[], results: Map<string, WriteResult>): Promise<void> {
  const { recorder } = ctx;
  const outcomes: RunRowInput[] = [];
  let matched = 0;
  let multiple = 0;
  let noMatch = 0;
  let updated = 0;
  let accepted = 0;
  for (const row of rows) {
    if (row.recordIds.length === 0) {
      noMatch++;
      outcomes.push({ key: row.key, userId: row.userId, outcome: 'no_match' });
      continue;
    }
    matched++;
    if (row.recordIds.length > 1) multiple++;
    const outcome = outcomeOf(row, results);
    updated += row.recordIds.filter((id) => results.get(id)!.success).length;
    if (outcome.outcome === 'updated') accepted++;
    else outcomes.push(outcome);
  }
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    await settleRunRows(db, recorder.run.id, outcomes, now);
    const settled = await settleAcceptedRows(db, {
      runId: recorder.run.id, integrationId: ctx.integrationId, workspaceId: ctx.workspaceId, now,
      first: rows[0].key, last: rows[rows.length - 1].key, refused: outcomes.filter((o) => o.outcome === 'rejected').map((o) => o.key),
    });
    // The batch was read in this run's key order a moment ago and nothing else writes the run: a mismatch is a bug, not a race.
    if (settled !== accepted) throw new Error(`settled ${settled} accepted rows of run ${recorder.run.id}, expected ${accepted}`);
    const c = recorder.counts;
    c.matched += matched;
    c.multipleMatches += multiple;
    c.noMatch += noMatch;
    c.updated += updated;
    c.rejected += outcomes.length - noMatch;
    recorder.rowsProcessed += rows.length;
    await recorder.save(db);
  });
}
