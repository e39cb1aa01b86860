import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { integrationRuns, integrations, type IntegrationSnapshot, type RunStatus, type RunStep } from '../schema';

// A run's life as the engine moves it: claim, snapshot, progress, steps, finish. Every function is scoped by
// workspace or by a run the caller already claimed in its workspace. A run's rows and the sync state are in
// sync-rows.ts.

export type IntegrationRunRow = typeof integrationRuns.$inferSelect;

/**
 * Claims a run to execute: queued or running (a resume) becomes running with one more attempt, a start time
 * kept from the first attempt and a fresh heartbeat. Null when the run is finished or not in the workspace.
 */
export async function claimRun(db: Database, params: { workspaceId: string; runId: string; now: Date }): Promise<IntegrationRunRow | null> {
  const [row] = await db.update(integrationRuns).set({
    status: 'running', attempt: sql`${integrationRuns.attempt} + 1`,
    startedAt: sql`coalesce(${integrationRuns.startedAt}, ${params.now.toISOString()}::timestamptz)`, heartbeatAt: params.now,
  }).where(and(eq(integrationRuns.id, params.runId), eq(integrationRuns.workspaceId, params.workspaceId), inArray(integrationRuns.status, ['queued', 'running'])))
    .returning();
  return row ?? null;
}

/** The integration a run belongs to, as it is now. */
export async function getIntegrationOfRun(db: Database, params: { workspaceId: string; integrationId: string }) {
  const [row] = await db.select().from(integrations)
    .where(and(eq(integrations.id, params.integrationId), eq(integrations.workspaceId, params.workspaceId)));
  return row ?? null;
}

/** Fixes the run's integration snapshot and as-of time, once: a resume keeps what the first attempt took. */
export async function fixRunSnapshot(db: Database, params: { runId: string; config: IntegrationSnapshot; asOf: Date }): Promise<IntegrationRunRow> {
  // The watermark is this statement's snapshot: what a transaction visible in it wrote is visible to every
  // read the run makes after this; any other transaction (running now, or later) may not be.
  await db.update(integrationRuns).set({
    config: params.config, asOf: params.asOf, integrationVersion: params.config.version, watermark: sql`pg_current_snapshot()::text`,
  }).where(and(eq(integrationRuns.id, params.runId), sql`${integrationRuns.config} is null`));
  const [row] = await db.select().from(integrationRuns).where(eq(integrationRuns.id, params.runId));
  return row;
}

/** The run's columns the engine moves as it goes. */
export type RunProgressPatch = Partial<Pick<IntegrationRunRow,
  'rowsToProcess' | 'rowsProcessed' | 'readCount' | 'unchangedCount' | 'matchedCount' | 'noMatchCount' | 'multipleMatchesCount' |
  'updatedCount' | 'rejectedCount' | 'apiCalls' | 'checkpoint' | 'heartbeatAt' | 'steps'>>;

/** Saves progress, counts, checkpoint and heartbeat of a running run. */
export async function updateRunProgress(db: Database, runId: string, patch: RunProgressPatch): Promise<void> {
  await db.update(integrationRuns).set(patch).where(and(eq(integrationRuns.id, runId), eq(integrationRuns.status, 'running')));
}

/** Appends one step to the run's log. */
export async function appendRunStep(db: Database, runId: string, step: RunStep): Promise<void> {
  await db.update(integrationRuns).set({ steps: sql`${integrationRuns.steps} || ${JSON.stringify([step])}::jsonb` }).where(eq(integrationRuns.id, runId));
}

/** Ends a run: completed or failed, with its message, error code and final figures. */
export async function finishRun(db: Database, runId: string, params: { status: Extract<RunStatus, 'completed' | 'failed'>; message: string | null; errorCode: string | null; finishedAt: Date } & RunProgressPatch): Promise<void> {
  await db.update(integrationRuns).set({ ...params, heartbeatAt: params.finishedAt })
    .where(and(eq(integrationRuns.id, runId), inArray(integrationRuns.status, ['queued', 'running'])));
}

/**
 * Lets the caller's transaction commit without waiting for its WAL to reach the disk (`synchronous_commit`
 * off, for this transaction only). Safe for the engine's batch commits: a transaction still commits whole or
 * not at all, and a database crash can only lose the last fraction of a second of commits, after which the
 * run resumes from an earlier checkpoint and repeats what those commits recorded (staging the same rows
 * again, or sending the same values again). A run commits hundreds of times; each waited for a disk flush.
 */
export async function commitWithoutWaitingForDisk(tx: Database): Promise<void> {
  await tx.execute(sql`set local synchronous_commit = off`);
}

/** Records what a run reads with (see lib/sync/incremental.ts). */
export async function setRunBasis(db: Database, runId: string, basis: string): Promise<void> {
  await db.update(integrationRuns).set({ basis }).where(eq(integrationRuns.id, runId));
}

/** A finished run another run may build on. */
export interface BaseRun {
  id: string;
  status: 'completed' | 'failed';
  basis: string | null;
  asOf: Date;
  watermark: string;
}

/** The integration's latest finished Salesforce runs that read the report (newest first), but `runId`. */
export async function latestReadingRuns(db: Database, params: { integrationId: string; runId: string; limit: number }): Promise<BaseRun[]> {
  const rows = await db.select({
    id: integrationRuns.id, status: integrationRuns.status, basis: integrationRuns.basis, asOf: integrationRuns.asOf, watermark: integrationRuns.watermark,
  }).from(integrationRuns)
    .where(and(eq(integrationRuns.integrationId, params.integrationId), sql`${integrationRuns.id} <> ${params.runId}::uuid`,
      sql`${integrationRuns.status} in ('completed', 'failed')`, sql`${integrationRuns.watermark} is not null`, sql`${integrationRuns.asOf} is not null`))
    .orderBy(desc(integrationRuns.startedAt)).limit(params.limit);
  return rows.map((r) => ({ ...r, status: r.status as BaseRun['status'], asOf: r.asOf!, watermark: r.watermark! }));
}
