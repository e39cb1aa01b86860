'use server';

import { defineAction } from '@/lib/auth/action';
import { apiKeyIdSchema, newApiKeySchema } from '@/lib/auth/schemas';
import { createWorkspaceApiKey, revokeWorkspaceApiKey } from '@/lib/dal/api-keys';

const page = '/settings/api-keys';

export const createApiKeyAction = defineAction({
  schema: newApiKeySchema, revalidate: page,
  run: async (ctx, input) => {
    const key = await createWorkspaceApiKey(ctx, input);
    return { name: key.name, secret: key.secret };
  },
});

export const revokeApiKeyAction = defineAction({
  schema: apiKeyIdSchema, revalidate: page, success: 'Key revoked. Calls with it are now refused.',
  run: async (ctx, input) => { await revokeWorkspaceApiKey(ctx, input); },
});
