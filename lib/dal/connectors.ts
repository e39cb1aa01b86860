import 'server-only';
import type { z } from 'zod';
import { uniqueViolation } from '@/db/errors';
import * as q from '@/db/queries/connectors';
import type { Ctx } from '@/lib/auth/session';
import { openConnector } from '@/lib/connectors/connector-secrets';
import { outboundAllowlist } from '@/lib/connectors/outbound-allowlist';
import { QUALTRICS_CALLS_PER_MINUTE, basicAuthHeader, maskAuthHeader } from '@/lib/connectors/qualtrics';
import type { connectorSchema, qualtricsConnectionSchema } from '@/lib/connectors/schemas';
import { checkOutboundUrlShape } from '@/lib/connectors/url-safety';
import { AppError, notFound } from '@/lib/errors';
import { encryptSecret } from '@/lib/secrets/cipher';
import { audit, requireAdmin } from './guards';

const hint = (secret: string) => secret.slice(-4);

/** Connectors as the browser may see them: no secret, only whether one is set and its last four characters. */
export async function listConnectorsForDisplay(ctx: Ctx) {
  const rows = await q.listConnectors(ctx.db, ctx.user.workspaceId);
  return rows.map((r) => ({
    id: r.id, kind: r.kind, name: r.name, baseUrl: r.baseUrl, host: r.baseUrl ? new URL(r.baseUrl).host : null,
    authType: r.authType, authUsername: r.authUsername, authHeaderName: r.authHeaderName,
    hasSecret: Boolean(r.secretSealed), secretHint: r.secretHint, callsPerMinute: r.callsPerMinute, updatedAt: r.updatedAt,
    // The Basic header masked on the server: the page never holds it whole.
    maskedHeader: r.kind === 'qualtrics' && r.secretSealed ? maskAuthHeader(basicAuthHeader(r.authUsername ?? '', openConnector(r).secret ?? '')) : null,
  }));
}

export type ConnectorForDisplay = Awaited<ReturnType<typeof listConnectorsForDisplay>>[number];

/** Creates or updates the workspace's one Qualtrics connection; a blank token keeps the stored one. */
export async function saveQualtricsConnection(ctx: Ctx, input: z.infer<typeof qualtricsConnectionSchema>) {
  requireAdmin(ctx, 'set up the Qualtrics connection');
  const existing = await q.getQualtricsConnector(ctx.db, ctx.user.workspaceId);
  if (!existing && !input.apiToken) {
    throw new AppError('VALIDATION', undefined, { fieldErrors: { apiToken: ['Enter your Qualtrics API token (Account Settings › Qualtrics IDs).'] } });
  }
  const secret = input.apiToken ? { secretSealed: encryptSecret(input.apiToken), secretHint: hint(input.apiToken) } : {};
  if (existing) {
    await q.updateConnector(ctx.db, ctx.user.workspaceId, existing.id, { authUsername: input.username, ...secret });
    await audit(ctx, 'connector.update', 'connector', existing.id, `Updated the Qualtrics connection (${input.username}${input.apiToken ? ', new API token' : ''})`);
    return { id: existing.id };
  }
  const row = await q.insertConnector(ctx.db, {
    workspaceId: ctx.user.workspaceId, kind: 'qualtrics', name: 'Qualtrics', baseUrl: null, authType: 'basic',
    authUsername: input.username, authHeaderName: null, callsPerMinute: QUALTRICS_CALLS_PER_MINUTE, createdBy: ctx.user.userId, ...secret,
  }).catch((error: unknown) => {
    if (uniqueViolation(error) !== null) throw new AppError('CONFLICT', 'The Qualtrics connection was just set up by someone else. Reload the page.');
    throw error;
  });
  await audit(ctx, 'connector.create', 'connector', row.id, `Set up the Qualtrics connection (${input.username})`);
  return { id: row.id };
}

/** The whole Basic header, for the copy button: only an admin, only on an explicit request, audited. */
export async function revealQualtricsHeader(ctx: Ctx) {
  requireAdmin(ctx, 'copy the Qualtrics authentication header');
  const row = await q.getQualtricsConnector(ctx.db, ctx.user.workspaceId);
  if (!row?.secretSealed) throw notFound('The Qualtrics connection');
  await audit(ctx, 'connector.reveal', 'connector', row.id, 'Copied the Qualtrics authentication header');
  return { header: basicAuthHeader(row.authUsername ?? '', openConnector(row).secret ?? '') };
}

/** Other connectors on the same host as `baseUrl` (one connector per system: the UI offers to reuse it). */
async function sameHost(ctx: Ctx, baseUrl: string, exceptId?: string) {
  const host = new URL(baseUrl).host.toLowerCase();
  const rows = await q.listConnectors(ctx.db, ctx.user.workspaceId);
  return rows.filter((r) => r.id !== exceptId && r.baseUrl && new URL(r.baseUrl).host.toLowerCase() === host);
}

/** Creates or updates a connector to an HTTP system; a second connector for a host needs `confirmSameHost`. */
export async function saveHttpConnector(ctx: Ctx, input: z.infer<typeof connectorSchema>) {
  requireAdmin(ctx, 'manage connectors');
  const base = checkOutboundUrlShape(input.baseUrl, { what: 'The base URL', allowedPrivateOrigins: outboundAllowlist() });
  const baseUrl = base.toString().replace(/\/$/, '');
  const existing = input.id ? await q.getConnector(ctx.db, ctx.user.workspaceId, input.id) : null;
  if (input.id && (!existing || existing.kind !== 'http')) throw notFound('That connector');
  const twins = await sameHost(ctx, baseUrl, input.id);
  if (twins.length > 0 && !input.confirmSameHost) {
    throw new AppError('CONFLICT', `A connector for ${base.host} already exists: “${twins[0].name}”. You only need one connector per system: add your actions to it.`, {
      details: { existingConnectorId: twins[0].id, existingConnectorName: twins[0].name },
    });
  }
  if (input.authType !== 'none' && !input.secret && !existing?.secretSealed) {
    const label = input.authType === 'basic' ? 'password or API token' : 'header value (the token)';
    throw new AppError('VALIDATION', undefined, { fieldErrors: { secret: [`Enter the ${label}.`] } });
  }
  const values = {
    name: input.name, baseUrl, authType: input.authType, callsPerMinute: input.callsPerMinute,
    authUsername: input.authType === 'basic' ? input.authUsername ?? null : null,
    authHeaderName: input.authType === 'header' ? input.authHeaderName ?? null : null,
    ...(input.authType === 'none' ? { secretSealed: null, secretHint: null }
      : input.secret ? { secretSealed: encryptSecret(input.secret), secretHint: hint(input.secret) } : {}),
  };
  const duplicate = (error: unknown) => {
    if (uniqueViolation(error) !== null) throw new AppError('CONFLICT', `A connector named “${input.name}” already exists.`, { fieldErrors: { name: ['Choose another name.'] } });
    throw error;
  };
  if (existing) {
    await q.updateConnector(ctx.db, ctx.user.workspaceId, existing.id, values).catch(duplicate);
    await audit(ctx, 'connector.update', 'connector', existing.id, `Updated connector “${input.name}” (${base.host})`);
    return { id: existing.id };
  }
  const row = await q.insertConnector(ctx.db, { workspaceId: ctx.user.workspaceId, kind: 'http', createdBy: ctx.user.userId, ...values }).catch(duplicate);
  await audit(ctx, 'connector.create', 'connector', row.id, `Added connector “${input.name}” (${base.host})`);
  return { id: row.id };
}

/** Deletes a connector and its actions (integrations sending to them keep their settings and fail with a message). */
export async function deleteConnector(ctx: Ctx, id: string) {
  requireAdmin(ctx, 'delete connectors');
  const row = await q.deleteConnector(ctx.db, ctx.user.workspaceId, id);
  if (!row) throw notFound('That connector');
  await audit(ctx, 'connector.delete', 'connector', row.id, `Deleted connector “${row.name}”`);
}
