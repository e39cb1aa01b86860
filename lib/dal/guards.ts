import 'server-only';
import { recordAudit } from '@/db/queries/audit';
import type { Ctx } from '@/lib/auth/session';
import { forbidden } from '@/lib/errors';

/** Throws FORBIDDEN unless the acting user is an admin of the workspace. */
export function requireAdmin(ctx: Ctx, what: string) {
  if (ctx.user.role !== 'admin') throw forbidden(what);
}

/** Writes an audit entry attributed to the acting user. */
export async function audit(ctx: Ctx, action: string, targetType: string, targetId: string | null, summary: string, details?: Record<string, unknown>) {
  await recordAudit(ctx.db, {
    workspaceId: ctx.user.workspaceId, actorId: ctx.user.userId, actorEmail: ctx.user.email,
    action, targetType, targetId, summary, details,
  });
}
