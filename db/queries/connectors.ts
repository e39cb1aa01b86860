import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { connectorActions, connectors, integrationRuns, integrations } from '../schema';

export type ConnectorRow = typeof connectors.$inferSelect;
export type ConnectorActionRow = typeof connectorActions.$inferSelect;
export type NewConnector = Omit<typeof connectors.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;
export type NewConnectorAction = Omit<typeof connectorActions.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

export async function listConnectors(db: Database, workspaceId: string) {
  return db.select().from(connectors).where(eq(connectors.workspaceId, workspaceId)).orderBy(asc(connectors.kind), asc(connectors.name));
}

export async function getConnector(db: Database, workspaceId: string, id: string) {
  const [row] = await db.select().from(connectors).where(and(eq(connectors.workspaceId, workspaceId), eq(connectors.id, id)));
  return row ?? null;
}

export async function getQualtricsConnector(db: Database, workspaceId: string) {
  const [row] = await db.select().from(connectors).where(and(eq(connectors.workspaceId, workspaceId), eq(connectors.kind, 'qualtrics')));
  return row ?? null;
}

export async function insertConnector(db: Database, input: NewConnector) {
  const [row] = await db.insert(connectors).values(input).returning();
  return row;
}

export async function updateConnector(db: Database, workspaceId: string, id: string, changes: Partial<NewConnector>) {
  const [row] = await db.update(connectors).set({ ...changes, updatedAt: sql`now()` })
    .where(and(eq(connectors.workspaceId, workspaceId), eq(connectors.id, id))).returning();
  return row ?? null;
}

export async function deleteConnector(db: Database, workspaceId: string, id: string) {
  const rows = await db.delete(connectors).where(and(eq(connectors.workspaceId, workspaceId), eq(connectors.id, id))).returning({ id: connectors.id, name: connectors.name });
  return rows[0] ?? null;
}

export async function listActions(db: Database, workspaceId: string) {
  return db.select().from(connectorActions).where(eq(connectorActions.workspaceId, workspaceId)).orderBy(asc(connectorActions.name));
}

export async function getAction(db: Database, workspaceId: string, id: string) {
  const [row] = await db.select().from(connectorActions).where(and(eq(connectorActions.workspaceId, workspaceId), eq(connectorActions.id, id)));
  return row ?? null;
}

/** An action with its connector, both in the workspace. */
export async function getActionWithConnector(db: Database, workspaceId: string, id: string) {
  const [row] = await db.select({ action: connectorActions, connector: connectors }).from(connectorActions)
    .innerJoin(connectors, eq(connectors.id, connectorActions.connectorId))
    .where(and(eq(connectorActions.workspaceId, workspaceId), eq(connectorActions.id, id)));
  return row ?? null;
}

export async function insertAction(db: Database, input: NewConnectorAction) {
  const [row] = await db.insert(connectorActions).values(input).returning();
  return row;
}

export async function updateAction(db: Database, workspaceId: string, id: string, changes: Partial<NewConnectorAction>) {
  const [row] = await db.update(connectorActions).set({ ...changes, updatedAt: sql`now()` })
    .where(and(eq(connectorActions.workspaceId, workspaceId), eq(connectorActions.id, id))).returning();
  return row ?? null;
}

export async function deleteAction(db: Database, workspaceId: string, id: string) {
  const rows = await db.delete(connectorActions).where(and(eq(connectorActions.workspaceId, workspaceId), eq(connectorActions.id, id)))
    .returning({ id: connectorActions.id, name: connectorActions.name });
  return rows[0] ?? null;
}

/** The workspace's integrations that send to connector actions, with their latest run. */
export async function listConnectorIntegrations(db: Database, workspaceId: string) {
  const rows = await db.select().from(integrations)
    .where(and(eq(integrations.workspaceId, workspaceId), ne(integrations.destinationKind, 'salesforce'))).orderBy(asc(integrations.name));
  if (rows.length === 0) return [];
  const runs = await db.selectDistinctOn([integrationRuns.integrationId]).from(integrationRuns)
    .where(inArray(integrationRuns.integrationId, rows.map((r) => r.id))).orderBy(integrationRuns.integrationId, desc(integrationRuns.queuedAt));
  const latest = new Map(runs.map((r) => [r.integrationId, r]));
  return rows.map((integration) => ({ integration, lastRun: latest.get(integration.id) ?? null }));
}

/**
 * Where a connector integration sends its rows, in the words the Integrations grid and the audit log share:
 * "Qualtrics · NPS follow-up" (connector · action; the Qualtrics connection is always "Qualtrics").
 */
export function actionLabel(a: { kind: ConnectorRow['kind']; connector: string; action: string }): string {
  return `${a.kind === 'qualtrics' ? 'Qualtrics' : a.connector} · ${a.action}`;
}

/** The `actionLabel` of each action id, for the Integrations grid's destination column. */
export async function listActionLabels(db: Database, workspaceId: string): Promise<Map<string, string>> {
  const rows = await db.select({ id: connectorActions.id, action: connectorActions.name, connector: connectors.name, kind: connectors.kind }).from(connectorActions)
    .innerJoin(connectors, eq(connectors.id, connectorActions.connectorId)).where(eq(connectorActions.workspaceId, workspaceId));
  return new Map(rows.map((r) => [r.id, actionLabel(r)]));
}
