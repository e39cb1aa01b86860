import type { Database } from '@/db/client';
import { findSyncHashes, recordRunRows, stagePendingRows, type RunRowInput } from '@/db/queries/sync-runs';
import { streamReportBatches } from '@/lib/insights/report-rows';
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

const rejectedRow = (r: RejectedRow): RunRowInput => ({
  key: r.key, userId: r.userId, outcome: 'rejected', field: r.field, errorCode: r.code, message: r.reason, fix: r.fix,
});

function duplicateOf(row: AcceptedRow, plan: RunPlan): RunRowInput {
  const columns = plan.keys.map((k) => `"${k.column}"`).join(' and ');
  return {
    key: `${row.key}${KEY_SEPARATOR}duplicate${KEY_SEPARATOR}${row.userId}`, userId: row.userId, outcome: 'rejected', field: plan.keys[0].column,
    errorCode: 'DUPLICATE_KEY',
    message: `Another report row (an earlier User ID) has the same ${columns}, so this row was not sent: one record cannot take two sets of values in one run.`,
    fix: `Make ${columns} unique per end user, or match on User ID instead.`,
  };
}

/**
 * Reads the report as a stream (as of the run's fixed time, resuming after the checkpoint's User ID),
 * converts and validates every row, and sorts it: rejected rows are recorded with their reason, rows whose
 * values hash equals the one Salesforce last accepted are counted as unchanged, and the rest are staged as
 * pending run rows with their payload. Each batch and the checkpoint after it commit together.
 */
export async function stageReportRows(ctx: StageContext): Promise<{ pending: number }> {
  const { recorder, plan } = ctx;
  let pending = 0;
  const stream = streamReportBatches(ctx.db, ctx.workspaceId, ctx.reportId, { asOf: ctx.asOf, batchSize: ctx.batchSize, after: recorder.checkpoint.afterUserId });
  for await (const batch of readAhead(stream)) {
    const rejected: RunRowInput[] = [];
    const accepted = new Map<string, AcceptedRow>();
    batch.rows.forEach((row, i) => {
      const result = transformRow(row, batch.userIds[i], plan);
      if (!result.ok) rejected.push(rejectedRow(result));
      else if (accepted.has(result.key)) rejected.push(duplicateOf(result, plan));
      else accepted.set(result.key, result);
    });
    const hashes = ctx.fullResync ? new Map<string, string>() : await findSyncHashes(ctx.db, ctx.integrationId, [...accepted.keys()]);
    const changed: RunRowInput[] = [];
    let unchanged = 0;
    for (const row of accepted.values()) {
      if (hashes.get(row.key) === row.hash) unchanged++;
      else changed.push({ key: row.key, userId: row.userId, outcome: 'pending', values: row.values, valuesHash: row.hash });
    }
    const now = ctx.clock();
    // A batch with nothing to store (all unchanged) saves only the checkpoint: one statement, no transaction.
    const commit = changed.length + rejected.length > 0 ? (work: (db: Database) => Promise<void>) => ctx.db.transaction((tx) => work(tx as unknown as Database)) : (work: (db: Database) => Promise<void>) => work(ctx.db);
    await commit(async (tx) => {
      const duplicates = await stagePendingRows(tx, recorder.run.id, ctx.workspaceId, changed, now);
      for (const key of duplicates) rejected.push(duplicateOf(accepted.get(key)!, plan));
      await recordRunRows(tx, recorder.run.id, ctx.workspaceId, rejected, now);
      const staged = changed.length - duplicates.size;
      pending += staged;
      recorder.counts.read += batch.rows.length;
      recorder.counts.unchanged += unchanged;
      recorder.counts.rejected += rejected.length;
      recorder.rowsProcessed += unchanged + rejected.length;
      recorder.checkpoint.afterUserId = batch.userIds[batch.userIds.length - 1];
      await recorder.save(tx);
    });
  }
  return { pending };
}
