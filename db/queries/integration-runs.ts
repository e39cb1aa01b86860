import { and, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../client';
import { integrationRuns, type RunTrigger } from '../schema';

export type IntegrationRunRow = typeof integrationRuns.$inferSelect;

/** A new run, queued. */
export interface NewRun {
  workspaceId: string;
  integrationId: string;
  integrationVersion: number;
  trigger: RunTrigger;
  triggeredBy: string | null;
  fullResync: boolean;
}

/**
 * Inserts a queued run. While the integration has a queued or running run, the partial unique index
 * `integration_runs_one_active` refuses it: the statement raises the unique violation, the caller maps it.
 */
export async function insertQueuedRun(db: Database, run: NewRun): Promise<IntegrationRunRow> {
  const [row] = await db.insert(integrationRuns).values({ ...run, status: 'queued' }).returning();
  return row;
}

export async function getRun(db: Database, workspaceId: string, runId: string): Promise<IntegrationRunRow | null> {
  const [row] = await db.select().from(integrationRuns).where(and(eq(integrationRuns.workspaceId, workspaceId), eq(integrationRuns.id, runId)));
  return row ?? null;
}

/** The integration's queued or running run, if any. */
export async function getActiveRun(db: Database, workspaceId: string, integrationId: string): Promise<IntegrationRunRow | null> {
  const [row] = await db.select().from(integrationRuns).where(and(eq(integrationRuns.workspaceId, workspaceId),
    eq(integrationRuns.integrationId, integrationId), inArray(integrationRuns.status, ['queued', 'running'])));
  return row ?? null;
}

/** An integration's runs, newest first. */
export async function listRuns(db: Database, workspaceId: string, integrationId: string, options: { limit?: number; offset?: number } = {}): Promise<IntegrationRunRow[]> {
  return db.select().from(integrationRuns)
    .where(and(eq(integrationRuns.workspaceId, workspaceId), eq(integrationRuns.integrationId, integrationId)))
    .orderBy(desc(integrationRuns.queuedAt)).limit(options.limit ?? 50).offset(options.offset ?? 0);
}

/** Deletes a run that never started (its job could not be sent), so the integration is free again. */
export async function deleteQueuedRun(db: Database, workspaceId: string, runId: string): Promise<void> {
  await db.delete(integrationRuns).where(and(eq(integrationRuns.workspaceId, workspaceId), eq(integrationRuns.id, runId), eq(integrationRuns.status, 'queued')));
}

/**
 * Across workspaces, for the sweeper: runs that look abandoned. Running ones whose heartbeat (or start) is
 * older than `staleBefore`, and queued ones waiting since before it.
 */
export async function findStaleRuns(db: Database, staleBefore: Date): Promise<IntegrationRunRow[]> {
  return db.select().from(integrationRuns).where(or(
    and(eq(integrationRuns.status, 'running'), or(lt(integrationRuns.heartbeatAt, staleBefore), and(isNull(integrationRuns.heartbeatAt), lt(integrationRuns.startedAt, staleBefore)))),
    and(eq(integrationRuns.status, 'queued'), lt(integrationRuns.queuedAt, staleBefore)),
  )).limit(100);
}

/** Ends an active run as failed with the message the log shows. Answers false when it was no longer active. */
export async function failActiveRun(db: Database, workspaceId: string, runId: string, message: string, errorCode: string, at: Date): Promise<boolean> {
  const rows = await db.update(integrationRuns).set({ status: 'failed', message, errorCode, finishedAt: at })
    .where(and(eq(integrationRuns.workspaceId, workspaceId), eq(integrationRuns.id, runId), inArray(integrationRuns.status, ['queued', 'running'])))
    .returning({ id: integrationRuns.id });
  return rows.length > 0;
}
