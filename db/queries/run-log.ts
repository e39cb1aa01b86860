import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { integrationRunRows, type RunRowOutcome } from '../schema';

// The run log's reads of run rows. Always scoped by workspace as well as by run.

export type RunRowRecord = typeof integrationRunRows.$inferSelect;

/** How many rows of a run ended in each outcome (pending: staged and never sent). */
export async function countRunRowsByOutcome(db: Database, workspaceId: string, runId: string): Promise<Record<RunRowOutcome, number>> {
  const rows = await db.select({ outcome: integrationRunRows.outcome, n: sql<number>`count(*)::int` }).from(integrationRunRows)
    .where(and(eq(integrationRunRows.workspaceId, workspaceId), eq(integrationRunRows.runId, runId))).groupBy(integrationRunRows.outcome);
  const counts: Record<RunRowOutcome, number> = { pending: 0, updated: 0, rejected: 0, no_match: 0 };
  for (const r of rows) counts[r.outcome] = Number(r.n);
  return counts;
}

/** A page of a run's rows in the given outcomes, in key order. */
export async function listRunRows(db: Database, params: { workspaceId: string; runId: string; outcomes: RunRowOutcome[]; limit: number; offset: number }): Promise<RunRowRecord[]> {
  return db.select().from(integrationRunRows)
    .where(and(eq(integrationRunRows.workspaceId, params.workspaceId), eq(integrationRunRows.runId, params.runId), inArray(integrationRunRows.outcome, params.outcomes)))
    .orderBy(asc(integrationRunRows.key)).limit(params.limit).offset(params.offset);
}

/** Every row of a run in the given outcomes, by keyset batches (for CSV downloads of any size). */
export async function* streamRunRows(db: Database, params: { workspaceId: string; runId: string; outcomes: RunRowOutcome[]; batchSize?: number }): AsyncGenerator<RunRowRecord[]> {
  let after: string | null = null;
  const size = params.batchSize ?? 1000;
  for (;;) {
    const rows: RunRowRecord[] = await db.select().from(integrationRunRows)
      .where(and(eq(integrationRunRows.workspaceId, params.workspaceId), eq(integrationRunRows.runId, params.runId),
        inArray(integrationRunRows.outcome, params.outcomes), after === null ? undefined : gt(integrationRunRows.key, after)))
      .orderBy(asc(integrationRunRows.key)).limit(size);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < size) return;
    after = rows[rows.length - 1].key;
  }
}
