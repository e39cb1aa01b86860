import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../client';
import { apiKeys } from '../schema';

const listed = {
  id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt,
};

export async function insertApiKey(
  db: Database,
  input: { workspaceId: string; name: string; prefix: string; secretHash: string; createdBy: string | null },
) {
  const [row] = await db.insert(apiKeys).values(input).returning(listed);
  return row;
}

export async function listApiKeys(db: Database, workspaceId: string) {
  return db.select(listed).from(apiKeys).where(eq(apiKeys.workspaceId, workspaceId)).orderBy(desc(apiKeys.createdAt));
}

export async function revokeApiKey(db: Database, workspaceId: string, id: string) {
  const rows = await db.update(apiKeys).set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning(listed);
  return rows[0] ?? null;
}

/** The workspace an unrevoked key belongs to, found by the key's hash; marks it used. */
export async function findWorkspaceByApiKeyHash(db: Database, secretHash: string) {
  const [row] = await db.update(apiKeys).set({ lastUsedAt: new Date() })
    .where(and(eq(apiKeys.secretHash, secretHash), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, workspaceId: apiKeys.workspaceId });
  return row ?? null;
}
