import 'server-only';
import type { z } from 'zod';
import * as keys from '@/db/queries/api-keys';
import type { Ctx } from '@/lib/auth/session';
import type { apiKeyIdSchema, newApiKeySchema } from '@/lib/auth/schemas';
import { notFound } from '@/lib/errors';
import { generateApiKey } from '@/lib/secrets/api-key';
import { audit, requireAdmin } from './guards';

export async function listWorkspaceApiKeys(ctx: Ctx) {
  requireAdmin(ctx, 'see API keys');
  return keys.listApiKeys(ctx.db, ctx.user.workspaceId);
}

/** Creates a key; the secret is returned this once and only its hash is stored. */
export async function createWorkspaceApiKey(ctx: Ctx, input: z.infer<typeof newApiKeySchema>) {
  requireAdmin(ctx, 'create API keys');
  const { secret, prefix, hash } = generateApiKey();
  const key = await keys.insertApiKey(ctx.db, {
    workspaceId: ctx.user.workspaceId, name: input.name, prefix, secretHash: hash, createdBy: ctx.user.userId,
  });
  await audit(ctx, 'api_key.create', 'api_key', key.id, `Created API key "${key.name}" (${prefix}…)`);
  return { ...key, secret };
}

export async function revokeWorkspaceApiKey(ctx: Ctx, input: z.infer<typeof apiKeyIdSchema>) {
  requireAdmin(ctx, 'revoke API keys');
  const key = await keys.revokeApiKey(ctx.db, ctx.user.workspaceId, input.id);
  if (!key) throw notFound('That API key');
  await audit(ctx, 'api_key.revoke', 'api_key', key.id, `Revoked API key "${key.name}" (${key.prefix}…)`);
  return key;
}
