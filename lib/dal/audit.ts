import 'server-only';
import { listAudit, type AuditFilter } from '@/db/queries/audit';
import type { Ctx } from '@/lib/auth/session';
import { requireAdmin } from './guards';

/** The audit log of the caller's workspace, newest first. */
export async function listWorkspaceAudit(ctx: Ctx, filter: AuditFilter) {
  requireAdmin(ctx, 'read the audit log');
  const rows = await listAudit(ctx.db, ctx.user.workspaceId, filter);
  return rows.map((r) => ({
    id: r.id, createdAt: r.createdAt, actorEmail: r.actorEmail, action: r.action,
    targetType: r.targetType, targetId: r.targetId, summary: r.summary,
  }));
}
