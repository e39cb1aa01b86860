import type { Database } from '@/db/client';
import { advanceSyncState, recordRunRows, type AcceptedRow, type RunRowInput } from '@/db/queries/sync-rows';
import { commitWithoutWaitingForDisk } from '@/db/queries/sync-runs';
import type { RecordUpdate, SalesforceClient, WriteResult } from '@/lib/salesforce/client';
import { explainSalesforceError } from '@/lib/salesforce/error-help';
import { pushBatch } from './push-batch';
import type { Chunk, PendingRow } from './read-chunks';
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
  clock: () => Date;
  /** From this many records a chunk goes as one Bulk API 2.0 job; below, through sObject Collections. */
  bulkThreshold: number;
}

/** A row to send once its key is resolved. */
export type PendingWrite = PendingRow;

/** What one pending row came to once its records were written. */
function outcomeOf(row: PendingWrite, results: Map<string, WriteResult>): RunRowInput {
  const failed = row.recordIds.filter((id) => !results.get(id)!.success);
  if (failed.length === 0) return { key: row.key, userId: row.userId, outcome: 'updated', recordIds: row.recordIds };
  const failures = failed.map((id) => ({ id, result: results.get(id)! }));
  const first = failures[0].result.errors[0] ?? { code: 'UNKNOWN_ERROR', message: 'Salesforce refused the record without saying why.', fields: [] };
  const help = explainSalesforceError(first.code);
  const others = row.recordIds.length > 1 ? ` (${failures.length} of the ${row.recordIds.length} matching records were refused)` : '';
  return {
    key: row.key, userId: row.userId, outcome: 'rejected', recordIds: failures.map((f) => f.id), field: first.fields[0] ?? null, errorCode: first.code,
    message: `${first.message}${others}`, fix: help.fix,
  };
}

/** Writes a chunk's matched rows: one Bulk job from `bulkThreshold` records on, else Collections calls of 200. */
export function sendChunk(ctx: WriteContext, rows: PendingWrite[]): Promise<Map<string, WriteResult>> {
  const updates: RecordUpdate[] = [];
  for (const row of rows) {
    if (row.recordIds.length === 1) {
      // The row's values are sent once and not used again: they become the update itself (no copy per row).
      const update = row.values as RecordUpdate;
      update.Id = row.recordIds[0];
      updates.push(update);
    } else for (const id of row.recordIds) updates.push({ ...row.values, Id: id });
  }
  return pushBatch(ctx.client, ctx.plan.objectName, updates, updates.length >= ctx.bulkThreshold ? 'bulk' : 'collections');
}

/**
 * Commits one chunk: outcome rows for the rows rejected before sending, refused by Salesforce or without a
 * match (each with its own message), the sync state of the accepted rows, the counts, progress and the
 * checkpoint (after the chunk's last User ID), in one transaction. A crash before this commit leaves the
 * checkpoint before the chunk: the resumed run reads the same rows again (the report is as of the same time)
 * and sends them again with the same values.
 */
export async function recordChunk(ctx: WriteContext, chunk: Chunk, rows: PendingWrite[], results: Map<string, WriteResult>): Promise<void> {
  const { recorder } = ctx;
  const outcomes: RunRowInput[] = [...chunk.rejected];
  const accepted: AcceptedRow[] = [];
  let matched = 0;
  let multiple = 0;
  let noMatch = 0;
  let updated = 0;
  let refused = 0;
  for (const row of rows) {
    if (row.recordIds.length === 0) {
      noMatch++;
      outcomes.push({ key: row.key, userId: row.userId, outcome: 'no_match' });
      continue;
    }
    matched++;
    if (row.recordIds.length > 1) multiple++;
    const outcome = outcomeOf(row, results);
    for (const id of row.recordIds) if (results.get(id)!.success) updated++;
    if (outcome.outcome === 'updated') accepted.push({ key: row.key, hash: row.hash, recordIds: row.recordIds, userId: row.userId, validUntil: row.validUntil });
    else {
      refused++;
      outcomes.push(outcome);
    }
  }
  const apply = () => {
    const c = recorder.counts;
    c.read += chunk.read;
    c.unchanged += chunk.unchanged;
    c.matched += matched;
    c.multipleMatches += multiple;
    c.noMatch += noMatch;
    c.updated += updated;
    c.rejected += chunk.rejected.length + refused;
    recorder.rowsProcessed += chunk.read;
    const cp = recorder.checkpoint;
    recorder.checkpoint = { ...cp, afterUserId: chunk.throughUserId, toSend: (cp.toSend ?? 0) + rows.length, rejectedOnRead: (cp.rejectedOnRead ?? 0) + chunk.rejected.length };
  };
  if (outcomes.length === 0 && accepted.length === 0) {
    // Nothing but counts (an unchanged stretch): one statement, no transaction.
    apply();
    await recorder.save();
    return;
  }
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    await commitWithoutWaitingForDisk(db);
    await recordRunRows(db, recorder.run.id, ctx.workspaceId, outcomes, now);
    await advanceSyncState(db, { integrationId: ctx.integrationId, workspaceId: ctx.workspaceId, runId: recorder.run.id, now, fresh: recorder.checkpoint.read === 'first' }, accepted);
    apply();
    await recorder.save(db);
  });
}
