/** Test helper: a workspace with its admin, as the session context DAL functions receive. */
import type { Database } from '@/db/client';
import { createWorkspaceWithAdmin } from '@/db/queries/workspaces';
import type { Ctx } from './session';

/** Creates a workspace named `name` whose admin is `admin@<name>.test`, and returns that admin's context. */
export async function createTestWorkspace(db: Database, name: string, passwordHash = 'x'): Promise<Ctx> {
  const email = `admin@${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.test`;
  const created = (await createWorkspaceWithAdmin(db, { workspaceName: name, email, name, passwordHash }))!;
  return { db, user: { userId: created.user.id, workspaceId: created.workspace.id, role: 'admin', email, name } };
}
