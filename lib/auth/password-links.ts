import crypto from 'node:crypto';
import type { Database } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { consumePasswordLink, findUsablePasswordLink, replacePasswordLink } from '@/db/queries/password-links';
import { findUserWithMembership, setPasswordHash } from '@/db/queries/users';
import { NO_PASSWORD_YET, type PasswordLinkPurpose } from '@/db/schema';
import { clearSignInFailures } from '@/lib/auth/authenticate';
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { hashPassword } from '@/lib/secrets/password';

/** How long a link works: an invitation a week (it may wait in an inbox), a reset a day. */
export const PASSWORD_LINK_TTL_MS: Record<PasswordLinkPurpose, number> = { invite: 7 * 24 * 3600_000, reset: 24 * 3600_000 };

export { NO_PASSWORD_YET };

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** The page a link opens; the token is 256 random bits, so a plain SHA-256 of it is stored. */
export function passwordLinkUrl(token: string): string {
  return new URL(`/set-password/${token}`, getConfig().appUrl).toString();
}

/** Makes a one-time link for a user of the workspace (replacing their older ones); returns its URL and expiry. */
export async function createPasswordLink(db: Database, input: {
  workspaceId: string; userId: string; purpose: PasswordLinkPurpose; createdBy: string | null; now?: Date;
}): Promise<{ url: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date((input.now ?? new Date()).getTime() + PASSWORD_LINK_TTL_MS[input.purpose]);
  await replacePasswordLink(db, { ...input, tokenHash: hashToken(token), expiresAt });
  return { url: passwordLinkUrl(token), expiresAt };
}

/** Who a link is for, while it still works; null when it is unknown, used or expired. */
export async function describePasswordLink(db: Database, token: string, now = new Date()) {
  const found = await findUsablePasswordLink(db, hashToken(token), now);
  return found ? { email: found.email, name: found.name, purpose: found.link.purpose } : null;
}

const LINK_GONE = 'This link has expired or was already used. Ask an admin of your workspace for a new one.';

/**
 * Sets the password of the link's user and uses the link up (only once, even for two tabs at the same time).
 * Ends the user's sessions and forgets their failed sign-ins, and writes it to the audit log.
 */
export async function setPasswordWithLink(db: Database, input: { token: string; password: string }, now = new Date()) {
  const link = await consumePasswordLink(db, hashToken(input.token), now);
  if (!link) throw new AppError('NOT_FOUND', LINK_GONE);
  const user = await findUserWithMembership(db, link.userId);
  if (!user) throw new AppError('NOT_FOUND', LINK_GONE);
  await setPasswordHash(db, link.workspaceId, link.userId, await hashPassword(input.password));
  const found = user.user.email;
  await clearSignInFailures(db, found);
  await recordAudit(db, {
    workspaceId: link.workspaceId, actorId: link.userId, actorEmail: found, action: link.purpose === 'invite' ? 'user.invite_accepted' : 'user.password_reset',
    targetType: 'user', targetId: link.userId,
    summary: link.purpose === 'invite' ? `${found} accepted the invitation and set a password` : `${found} set a new password with a reset link`,
  });
  return { email: found };
}
