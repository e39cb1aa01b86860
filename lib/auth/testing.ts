/** Test helpers: a workspace with its admin, as the session context DAL functions receive, and its users. */
import type { Database } from '@/db/client';
import { createWorkspaceWithAdmin } from '@/db/queries/workspaces';
import { inviteWorkspaceUser } from '@/lib/dal/users';
import { setPasswordWithLink } from './password-links';
import type { Ctx } from './session';

/** Creates a workspace named `name` whose admin is `admin@<name>.test`, and returns that admin's context. */
export async function createTestWorkspace(db: Database, name: string, passwordHash = 'x'): Promise<Ctx> {
  const email = `admin@${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.test`;
  const created = (await createWorkspaceWithAdmin(db, { workspaceName: name, email, name, passwordHash }))!;
  return { db, user: { userId: created.user.id, workspaceId: created.workspace.id, role: 'admin', email, name } };
}

/**
 * Adds a user the way the app does (the admin invites them, they set their password with the link) and
 * returns their session context.
 */
export async function addTestUser(admin: Ctx, input: { name: string; email: string; role: 'admin' | 'member'; password: string }): Promise<Ctx> {
  const invite = await inviteWorkspaceUser(admin, input);
  await setPasswordWithLink(admin.db, { token: new URL(invite.url).pathname.split('/').pop()!, password: input.password });
  return { db: admin.db, user: { userId: invite.id, workspaceId: admin.user.workspaceId, role: input.role, email: invite.email, name: input.name } };
}
