import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { builtInReportTags, customReports } from '../schema';

/** A stored custom report row; `definition` is validated by lib/insights before it is stored or used. */
export type CustomReportRow = typeof customReports.$inferSelect;

/** Fields a custom report is saved with. */
export interface CustomReportValues {
  name: string;
  description: string;
  tags: string[];
  keyColumn: string;
  definition: Record<string, unknown>;
}

/** Inserts a custom report; returns null when the workspace already has a report of that name (any case). */
export async function insertCustomReport(db: Database, workspaceId: string, values: CustomReportValues): Promise<CustomReportRow | null> {
  const rows = await db.insert(customReports).values({ workspaceId, ...values })
    .onConflictDoNothing().returning();
  return rows[0] ?? null;
}

/**
 * Replaces a custom report's definition. Returns 'not-found' when the workspace has no such report and
 * 'duplicate-name' when another of its reports already has the new name.
 */
export async function updateCustomReport(db: Database, workspaceId: string, id: string, values: CustomReportValues): Promise<CustomReportRow | 'not-found' | 'duplicate-name'> {
  const clash = await db.select({ id: customReports.id }).from(customReports)
    .where(and(eq(customReports.workspaceId, workspaceId), sql`lower(${customReports.name}) = lower(${values.name})`, sql`${customReports.id} <> ${id}::uuid`));
  if (clash.length > 0) return 'duplicate-name';
  const rows = await db.update(customReports).set({ ...values, updatedAt: new Date() })
    .where(and(eq(customReports.workspaceId, workspaceId), eq(customReports.id, id))).returning();
  return rows[0] ?? 'not-found';
}

/** Deletes a custom report; false when the workspace has none with that id. */
export async function deleteCustomReport(db: Database, workspaceId: string, id: string): Promise<boolean> {
  const rows = await db.delete(customReports)
    .where(and(eq(customReports.workspaceId, workspaceId), eq(customReports.id, id))).returning({ id: customReports.id });
  return rows.length > 0;
}

/** One custom report of the workspace, or null. */
export async function findCustomReport(db: Database, workspaceId: string, id: string): Promise<CustomReportRow | null> {
  const rows = await db.select().from(customReports)
    .where(and(eq(customReports.workspaceId, workspaceId), eq(customReports.id, id)));
  return rows[0] ?? null;
}

/** The workspace's custom reports by name. */
export async function listCustomReports(db: Database, workspaceId: string): Promise<CustomReportRow[]> {
  return db.select().from(customReports).where(eq(customReports.workspaceId, workspaceId)).orderBy(asc(customReports.name));
}

/** Sets a custom report's tags; false when the workspace has no such report. */
export async function setCustomReportTags(db: Database, workspaceId: string, id: string, tags: string[]): Promise<boolean> {
  const rows = await db.update(customReports).set({ tags, updatedAt: new Date() })
    .where(and(eq(customReports.workspaceId, workspaceId), eq(customReports.id, id))).returning({ id: customReports.id });
  return rows.length > 0;
}

/** Tags the workspace has set on built-in reports, by report id; reports absent here use their defaults. */
export async function listBuiltInReportTags(db: Database, workspaceId: string): Promise<Map<string, string[]>> {
  const rows = await db.select({ reportId: builtInReportTags.reportId, tags: builtInReportTags.tags })
    .from(builtInReportTags).where(eq(builtInReportTags.workspaceId, workspaceId));
  return new Map(rows.map((r) => [r.reportId, r.tags]));
}

/** Stores the full tag list of a built-in report for the workspace. */
export async function setBuiltInReportTags(db: Database, workspaceId: string, reportId: string, tags: string[]): Promise<void> {
  await db.insert(builtInReportTags).values({ workspaceId, reportId, tags })
    .onConflictDoUpdate({ target: [builtInReportTags.workspaceId, builtInReportTags.reportId], set: { tags, updatedAt: new Date() } });
}
