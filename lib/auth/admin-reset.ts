import type { Database } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { findUserByEmail, findUserWithMembership, setPasswordHash } from '@/db/queries/users';
import { clearSignInFailures } from '@/lib/auth/authenticate';
import { emailField, strongPassword } from '@/lib/auth/schemas';
import { hashPassword } from '@/lib/secrets/password';

/** A refusal of the reset command, written for the operator at the terminal. */
export class AdminResetError extends Error {}

/**
 * The server-side way back in for an admin: sets a new password, ends their sessions, forgets their failed
 * sign-ins and writes the reset to the workspace's audit log. Only admins: members are reset by an admin
 * in Settings › Users.
 */
export async function resetAdminPassword(db: Database, input: { email: string; password: string }): Promise<{ email: string }> {
  const email = emailField.safeParse(input.email);
  if (!email.success) throw new AdminResetError(`"${input.email.slice(0, 100)}" is not an email address: ${email.error.issues[0].message}`);
  const password = strongPassword.safeParse(input.password);
  if (!password.success) throw new AdminResetError(`Choose another password: ${password.error.issues.map((i) => i.message).join(' ')}`);
  const user = await findUserByEmail(db, email.data);
  const membership = user ? await findUserWithMembership(db, user.id) : null;
  if (!user || !membership) throw new AdminResetError(`No user has the email ${email.data}. Check the spelling.`);
  if (membership.role !== 'admin') {
    throw new AdminResetError(`${user.email} is not an admin. Ask an admin of the workspace to reset it in Settings › Users.`);
  }
  await setPasswordHash(db, membership.workspaceId, user.id, await hashPassword(password.data));
  await clearSignInFailures(db, user.email);
  await recordAudit(db, {
    workspaceId: membership.workspaceId, actorId: null, actorEmail: null, action: 'user.password_reset', targetType: 'user',
    targetId: user.id, summary: `Reset the password of ${user.email} from the server command line`,
  });
  return { email: user.email };
}
