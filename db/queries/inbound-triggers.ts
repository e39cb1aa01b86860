import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { inboundTriggers, integrations } from '../schema';

export type InboundTriggerRow = typeof inboundTriggers.$inferSelect;
export type NewInboundTrigger = Omit<typeof inboundTriggers.$inferInsert, 'id' | 'createdAt' | 'lastCapture' | 'lastCaptureAt' | 'lastEventId' | 'lastRunId' | 'callCount'>;

export async function listInboundTriggers(db: Database, workspaceId: string) {
  return db.select().from(inboundTriggers).where(eq(inboundTriggers.workspaceId, workspaceId)).orderBy(asc(inboundTriggers.name));
}

export async function getInboundTrigger(db: Database, workspaceId: string, id: string) {
  const [row] = await db.select().from(inboundTriggers).where(and(eq(inboundTriggers.workspaceId, workspaceId), eq(inboundTriggers.id, id)));
  return row ?? null;
}

/** The trigger a call's URL names, whatever its workspace: the endpoint authenticates the call against it. */
export async function findInboundTriggerForCall(db: Database, id: string) {
  const [row] = await db.select().from(inboundTriggers).where(eq(inboundTriggers.id, id));
  return row ?? null;
}

export async function insertInboundTrigger(db: Database, input: NewInboundTrigger) {
  const [row] = await db.insert(inboundTriggers).values(input).returning();
  return row;
}

export async function updateInboundTrigger(db: Database, workspaceId: string, id: string, changes: Partial<NewInboundTrigger>) {
  const [row] = await db.update(inboundTriggers).set(changes)
    .where(and(eq(inboundTriggers.workspaceId, workspaceId), eq(inboundTriggers.id, id))).returning();
  return row ?? null;
}

/** Keeps an accepted call's JSON as "the JSON captured from the most recent call". */
export async function recordInboundCapture(db: Database, workspaceId: string, id: string, capture: { body: unknown; eventId: string; runId: string | null; at: Date }) {
  await db.update(inboundTriggers).set({
    lastCapture: capture.body, lastCaptureAt: capture.at, lastEventId: capture.eventId, lastRunId: capture.runId,
    callCount: sql`${inboundTriggers.callCount} + 1`,
  }).where(and(eq(inboundTriggers.workspaceId, workspaceId), eq(inboundTriggers.id, id)));
}

export async function deleteInboundTrigger(db: Database, workspaceId: string, id: string) {
  const rows = await db.delete(inboundTriggers).where(and(eq(inboundTriggers.workspaceId, workspaceId), eq(inboundTriggers.id, id)))
    .returning({ id: inboundTriggers.id, name: inboundTriggers.name });
  return rows[0] ?? null;
}

/** True when the integration a trigger would run belongs to the workspace. */
export async function integrationInWorkspace(db: Database, workspaceId: string, integrationId: string) {
  const [row] = await db.select({ id: integrations.id }).from(integrations)
    .where(and(eq(integrations.workspaceId, workspaceId), eq(integrations.id, integrationId)));
  return Boolean(row);
}
