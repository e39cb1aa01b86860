import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { integrationRuns, integrations, salesforceAccounts, type ColumnFieldPair, type DestinationKind, type RowFilter } from '../schema';

export type IntegrationRow = typeof integrations.$inferSelect;

/**
 * What a create or an edit sets; the version and timestamps are the database's. The destination parts
 * default to a Salesforce integration (no action, no filter); an edit that changes the destination sets them all.
 */
export interface IntegrationValues {
  name: string;
  destinationKind?: DestinationKind;
  accountId: string | null;
  reportId: string;
  objectName: string | null;
  actionId?: string | null;
  keys: ColumnFieldPair[];
  mappings: ColumnFieldPair[];
  filters?: RowFilter[];
  sendUnchanged?: boolean;
  scheduleCron: string;
  scheduleTimezone: string;
  enabled: boolean;
}

/** Inserts an integration at version 1. A name already used in the workspace raises the unique violation. */
export async function insertIntegration(db: Database, workspaceId: string, createdBy: string | null, values: IntegrationValues): Promise<IntegrationRow> {
  const [row] = await db.insert(integrations).values({ destinationKind: 'salesforce', ...values, workspaceId, createdBy }).returning();
  return row;
}

export async function getIntegration(db: Database, workspaceId: string, id: string): Promise<IntegrationRow | null> {
  const [row] = await db.select().from(integrations).where(and(eq(integrations.workspaceId, workspaceId), eq(integrations.id, id)));
  return row ?? null;
}

/**
 * Saves an edit and raises the version by one. With `expectedVersion`, only when nobody saved in between:
 * null answers "not found, or changed meanwhile" (the caller tells which).
 */
export async function updateIntegration(db: Database, workspaceId: string, id: string, values: IntegrationValues, expectedVersion?: number): Promise<IntegrationRow | null> {
  const conditions = [eq(integrations.workspaceId, workspaceId), eq(integrations.id, id)];
  if (expectedVersion !== undefined) conditions.push(eq(integrations.version, expectedVersion));
  const [row] = await db.update(integrations)
    .set({ ...values, version: sql`${integrations.version} + 1`, updatedAt: sql`now()` })
    .where(and(...conditions)).returning();
  return row ?? null;
}

/** Pauses or resumes; not an edit of what is sent, so the version stays. */
export async function setIntegrationEnabled(db: Database, workspaceId: string, id: string, enabled: boolean): Promise<IntegrationRow | null> {
  const [row] = await db.update(integrations).set({ enabled, updatedAt: sql`now()` })
    .where(and(eq(integrations.workspaceId, workspaceId), eq(integrations.id, id))).returning();
  return row ?? null;
}

/** Deletes an integration and (by cascade) its runs. */
export async function deleteIntegration(db: Database, workspaceId: string, id: string): Promise<IntegrationRow | null> {
  const [row] = await db.delete(integrations).where(and(eq(integrations.workspaceId, workspaceId), eq(integrations.id, id))).returning();
  return row ?? null;
}

/** The workspace's integrations by name, with the account they write to. */
export async function listIntegrationsWithAccount(db: Database, workspaceId: string) {
  return db.select({
    integration: integrations,
    account: { environment: salesforceAccounts.environment, username: salesforceAccounts.username, status: salesforceAccounts.status },
  }).from(integrations)
    .leftJoin(salesforceAccounts, and(eq(salesforceAccounts.id, integrations.accountId), eq(salesforceAccounts.workspaceId, workspaceId)))
    .where(eq(integrations.workspaceId, workspaceId))
    .orderBy(sql`lower(${integrations.name})`);
}

/** Every enabled integration of every workspace, for re-registering schedules at start. */
export async function listEnabledIntegrationSchedules(db: Database) {
  return db.select({ id: integrations.id, workspaceId: integrations.workspaceId, scheduleCron: integrations.scheduleCron, scheduleTimezone: integrations.scheduleTimezone })
    .from(integrations).where(eq(integrations.enabled, true));
}

const runSummary = {
  id: integrationRuns.id,
  integrationId: integrationRuns.integrationId,
  status: integrationRuns.status,
  queuedAt: integrationRuns.queuedAt,
  startedAt: integrationRuns.startedAt,
  finishedAt: integrationRuns.finishedAt,
  rowsProcessed: integrationRuns.rowsProcessed,
  rowsToProcess: integrationRuns.rowsToProcess,
  rejectedCount: integrationRuns.rejectedCount,
  message: integrationRuns.message,
};

/** For each of the integrations, its latest run (any status). */
export async function latestRuns(db: Database, workspaceId: string, integrationIds: string[]) {
  if (integrationIds.length === 0) return [];
  return db.selectDistinctOn([integrationRuns.integrationId], runSummary).from(integrationRuns)
    .where(and(eq(integrationRuns.workspaceId, workspaceId), inArray(integrationRuns.integrationId, integrationIds)))
    .orderBy(integrationRuns.integrationId, desc(integrationRuns.queuedAt));
}

/** For each of the integrations, its latest finished run. */
export async function latestFinishedRuns(db: Database, workspaceId: string, integrationIds: string[]) {
  if (integrationIds.length === 0) return [];
  return db.selectDistinctOn([integrationRuns.integrationId], runSummary).from(integrationRuns)
    .where(and(eq(integrationRuns.workspaceId, workspaceId), inArray(integrationRuns.integrationId, integrationIds),
      inArray(integrationRuns.status, ['completed', 'failed'])))
    .orderBy(integrationRuns.integrationId, desc(integrationRuns.queuedAt));
}
