import { and, desc, eq, gte, ilike, lte, or, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { auditEntries } from '../schema';

export type NewAuditEntry = {
  workspaceId: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  summary: string;
  details?: Record<string, unknown>;
};

export async function recordAudit(db: Database, entry: NewAuditEntry) {
  await db.insert(auditEntries).values(entry);
}

/** Filters for the audit log; every one optional. */
export type AuditFilter = { action?: string; actor?: string; targetType?: string; from?: Date; to?: Date; limit?: number; offset?: number };

export async function listAudit(db: Database, workspaceId: string, filter: AuditFilter = {}) {
  const conditions: SQL[] = [eq(auditEntries.workspaceId, workspaceId)];
  if (filter.action) conditions.push(eq(auditEntries.action, filter.action));
  if (filter.targetType) conditions.push(eq(auditEntries.targetType, filter.targetType));
  if (filter.actor) conditions.push(or(ilike(auditEntries.actorEmail, `%${filter.actor}%`))!);
  if (filter.from) conditions.push(gte(auditEntries.createdAt, filter.from));
  if (filter.to) conditions.push(lte(auditEntries.createdAt, filter.to));
  return db.select().from(auditEntries).where(and(...conditions))
    .orderBy(desc(auditEntries.createdAt)).limit(filter.limit ?? 100).offset(filter.offset ?? 0);
}
