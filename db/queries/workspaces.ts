import { eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { memberships, users, workspaces, type StoredWorkspaceSettings } from '../schema';

/** True until the first user exists: the app then offers first-run setup. */
export async function needsFirstRunSetup(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row.n === 0;
}

/**
 * Creates a workspace with its first admin in one transaction. With `onlyIfNoUsers`, refuses (returns null)
 * when any user exists, so first-run setup cannot be replayed once done.
 */
export async function createWorkspaceWithAdmin(
  db: Database,
  input: { workspaceName: string; email: string; name: string; passwordHash: string; onlyIfNoUsers?: boolean },
) {
  return db.transaction(async (tx) => {
    if (input.onlyIfNoUsers) {
      // Serialise concurrent setup attempts: the second waits, then sees the first user.
      await tx.execute(sql`select pg_advisory_xact_lock(424242)`);
      const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(users);
      if (row.n > 0) return null;
    }
    const [workspace] = await tx.insert(workspaces).values({ name: input.workspaceName }).returning();
    const [user] = await tx.insert(users)
      .values({ email: input.email, name: input.name, passwordHash: input.passwordHash }).returning();
    await tx.insert(memberships).values({ workspaceId: workspace.id, userId: user.id, role: 'admin' });
    return { workspace, user };
  });
}

export async function getWorkspace(db: Database, workspaceId: string) {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  return row ?? null;
}

export async function updateWorkspaceSettings(db: Database, workspaceId: string, settings: StoredWorkspaceSettings) {
  const [row] = await db.update(workspaces).set({ settings }).where(eq(workspaces.id, workspaceId)).returning();
  return row ?? null;
}
