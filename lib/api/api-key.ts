import type { Database } from '@/db/client';
import { findWorkspaceByApiKeyHash } from '@/db/queries/api-keys';
import { AppError } from '@/lib/errors';
import { hashApiKey } from '@/lib/secrets/api-key';

/** The API key a request carries, as `Authorization: Bearer <key>`, and the workspace it belongs to. */
export interface ApiCaller {
  keyId: string;
  workspaceId: string;
}

/** Checks the request's Bearer key (unrevoked, any workspace); INVALID_API_KEY (401) otherwise. */
export async function authenticateApiKey(db: Database, request: Request): Promise<ApiCaller> {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AppError('INVALID_API_KEY', 'Send your API key as "Authorization: Bearer <key>".');
  const key = await findWorkspaceByApiKeyHash(db, hashApiKey(match[1]));
  if (!key) throw new AppError('INVALID_API_KEY', 'The API key is not valid or has been revoked.');
  return { keyId: key.id, workspaceId: key.workspaceId };
}
