import 'server-only';
import type { z } from 'zod';
import { uniqueViolation } from '@/db/errors';
import * as q from '@/db/queries/inbound-triggers';
import type { Ctx } from '@/lib/auth/session';
import { fieldValue, generateInboundCredentials } from '@/lib/connectors/inbound';
import type { inboundTriggerSchema } from '@/lib/connectors/schemas';
import { AppError, notFound } from '@/lib/errors';
import { audit, requireAdmin } from './guards';

/** The declared fields the captured call carried (by name or dotted path). */
function carriedFields(fields: string[], capture: unknown): string[] {
  if (!capture || typeof capture !== 'object' || Array.isArray(capture)) return [];
  return fields.filter((f) => fieldValue(capture as Record<string, unknown>, f) !== undefined);
}

/** Triggers as the browser may see them: the username, never the password or its hash. */
export async function listInboundTriggersForDisplay(ctx: Ctx) {
  const rows = await q.listInboundTriggers(ctx.db, ctx.user.workspaceId);
  return rows.map((r) => ({
    id: r.id, name: r.name, username: r.username, fields: r.fields, actionKind: r.actionKind, integrationId: r.integrationId,
    eventMapping: r.eventMapping, lastCapture: r.lastCapture, lastCaptureAt: r.lastCaptureAt, lastEventId: r.lastEventId,
    lastRunId: r.lastRunId, callCount: r.callCount, createdAt: r.createdAt,
    carried: carriedFields(r.fields, r.lastCapture),
  }));
}

export type InboundTriggerForDisplay = Awaited<ReturnType<typeof listInboundTriggersForDisplay>>[number];

async function assertIntegration(ctx: Ctx, integrationId: string | undefined) {
  if (!integrationId) return;
  if (!(await q.integrationInWorkspace(ctx.db, ctx.user.workspaceId, integrationId))) throw new AppError('VALIDATION', 'That integration is not in your workspace.', { fieldErrors: { integrationId: ['Choose one of your integrations.'] } });
}

/** Creates a trigger; its password is returned this once (only a hash is kept). */
export async function createInboundTrigger(ctx: Ctx, input: z.infer<typeof inboundTriggerSchema>) {
  requireAdmin(ctx, 'create inbound triggers');
  await assertIntegration(ctx, input.integrationId);
  const { username, password, passwordHash } = generateInboundCredentials();
  const row = await q.insertInboundTrigger(ctx.db, {
    workspaceId: ctx.user.workspaceId, name: input.name, username, passwordHash, fields: input.fields, actionKind: input.actionKind,
    integrationId: input.actionKind === 'run_integration' ? input.integrationId ?? null : null,
    eventMapping: input.actionKind === 'record_event'
      ? { type: input.eventType!, userIdField: input.userIdField!, emailField: input.emailField, properties: input.properties }
      : null,
    createdBy: ctx.user.userId,
  }).catch((error: unknown) => {
    if (uniqueViolation(error) !== null) throw new AppError('CONFLICT', `A trigger named “${input.name}” already exists.`, { fieldErrors: { name: ['Choose another name.'] } });
    throw error;
  });
  await audit(ctx, 'inbound_trigger.create', 'inbound_trigger', row.id, `Created inbound trigger “${row.name}”`);
  return { id: row.id, name: row.name, username, password };
}

/** New credentials for a trigger (the old ones stop working at once); the password is returned this once. */
export async function rotateInboundCredentials(ctx: Ctx, id: string) {
  requireAdmin(ctx, 'change inbound trigger credentials');
  const { username, password, passwordHash } = generateInboundCredentials();
  const row = await q.updateInboundTrigger(ctx.db, ctx.user.workspaceId, id, { username, passwordHash });
  if (!row) throw notFound('That trigger');
  await audit(ctx, 'inbound_trigger.rotate', 'inbound_trigger', row.id, `Issued new credentials for inbound trigger “${row.name}”`);
  return { id: row.id, name: row.name, username, password };
}

export async function deleteInboundTrigger(ctx: Ctx, id: string) {
  requireAdmin(ctx, 'delete inbound triggers');
  const row = await q.deleteInboundTrigger(ctx.db, ctx.user.workspaceId, id);
  if (!row) throw notFound('That trigger');
  await audit(ctx, 'inbound_trigger.delete', 'inbound_trigger', row.id, `Deleted inbound trigger “${row.name}”`);
}
