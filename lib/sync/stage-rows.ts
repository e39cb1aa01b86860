import type { Database } from '@/db/client';
import { findSyncHashes, recordRunRows, stageRunBatch, type RunRowInput, type StagedRow } from '@/db/queries/sync-rows';
import { commitWithoutWaitingForDisk } from '@/db/queries/sync-runs';
import { streamReportBatches } from '@/lib/insights/report-rows';
import type { KeySet } from './key-set';
import { readAhead } from './read-ahead';
import type { RunRecorder } from './run-recorder';
import { KEY_SEPARATOR, transformRow, type AcceptedRow, type RejectedRow, type RunPlan } from './transform';

/** What the read step needs: where to read, what it is for, and how to record. */
export interface StageContext {
  db: Database;
  recorder: RunRecorder;
  plan: RunPlan;
  workspaceId: string;
  integrationId: string;
  reportId: string;
  asOf: Date;
  fullResync: boolean;
  batchSize: number;
  clock: () => Date;
}

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

/** How often a stretch of unchanged batches saves its checkpoint and counts. */
const UNCHANGED_SAVE_MS = 1_000;

/** Called once, in the batch that reaches the threshold: from here on the run resolves keys in bulk. */
export type OnBulk = () => void;

/**
 * Reads the report as a stream (as of the run's fixed time, resuming after the checkpoint's User ID),
 * converts and validates every row, and sorts it: rejected rows are recorded with their reason, rows whose
 * values hash equals the one Salesforce last accepted are counted as unchanged, and the rest are staged for
 * the write step, one staged batch per report batch (see stageRunBatch). A key already claimed earlier in the
 * run (by any row but an unchanged one) makes the later row a duplicate. Each batch, its counts and the
 * checkpoint commit together. Once `bulkThreshold` rows are staged the checkpoint's mode becomes bulk and
 * `onBulk` is called, so the Bulk key lookup runs while the rest of the report is read.
 */
export async function stageReportRows(ctx: StageContext & { claimed: KeySet; bulkThreshold: number; onBulk: OnBulk; stopped: () => boolean }): Promise<void> {
  const { recorder, plan, claimed } = ctx;
  const stream = streamReportBatches(ctx.db, ctx.workspaceId, ctx.reportId, { asOf: ctx.asOf, batchSize: ctx.batchSize, after: recorder.checkpoint.afterUserId });
  let lastSave = 0;
  for await (const batch of readAhead(stream)) {
    if (ctx.stopped()) break;
    const rejected: RunRowInput[] = [];
    const results = batch.rows.map((row, i) => transformRow(row, batch.userIds[i], plan));
    const keys = results.filter((t): t is AcceptedRow => t.ok).map((t) => t.key);
    const hashes = ctx.fullResync ? new Map<string, string>() : await findSyncHashes(ctx.db, ctx.integrationId, keys);
    const changed: StagedRow[] = [];
    let unchanged = 0;
    // In report order (User ID): of two rows with one key, the later is the duplicate.
    for (const t of results) {
      if (!t.ok) rejected.push(rejectedRow(t, t.code === 'MISSING_KEY' || claimed.add(t.key) ? t.key : duplicateKey(t)));
      else if (hashes.get(t.key) === t.hash) unchanged++;
      else if (!claimed.add(t.key)) rejected.push(duplicateOf(t, plan));
      else changed.push({ key: t.key, userId: t.userId, hash: t.hash, values: t.values });
    }
    const now = ctx.clock();
    const checkpoint = recorder.checkpoint;
    const staged = (checkpoint.staged ?? 0) + changed.length;
    const goBulk = checkpoint.mode === undefined && staged >= ctx.bulkThreshold;
    // A batch with nothing to store (all unchanged) saves only the checkpoint (one statement, no transaction),
    // and at most once a second: a crash before the next save only means reading those batches again.
    const store = changed.length + rejected.length > 0;
    const save = store || goBulk || Date.now() - lastSave >= UNCHANGED_SAVE_MS;
    const commit = store
      ? (work: (db: Database) => Promise<void>) => ctx.db.transaction(async (tx) => { await commitWithoutWaitingForDisk(tx as unknown as Database); await work(tx as unknown as Database); })
      : (work: (db: Database) => Promise<void>) => work(ctx.db);
    await commit(async (tx) => {
      const seq = checkpoint.seq ?? 0;
      if (changed.length > 0) await stageRunBatch(tx, recorder.run.id, seq, changed);
      await recordRunRows(tx, recorder.run.id, ctx.workspaceId, rejected, now);
      recorder.counts.read += batch.rows.length;
      recorder.counts.unchanged += unchanged;
      recorder.counts.rejected += rejected.length;
      recorder.rowsProcessed += unchanged + rejected.length;
      recorder.checkpoint = {
        ...checkpoint, afterUserId: batch.userIds[batch.userIds.length - 1], seq: changed.length > 0 ? seq + 1 : seq, staged,
        ...(goBulk ? { mode: 'bulk' as const } : {}),
      };
      if (save) {
        await recorder.save(tx);
        lastSave = Date.now();
      }
    });
    if (goBulk) ctx.onBulk();
  }
  // The last unchanged stretch's checkpoint and counts.
  await recorder.save();
}
