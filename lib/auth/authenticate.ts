import type { Database } from '@/db/client';
import { findUserByEmail, findUserWithMembership } from '@/db/queries/users';
import { countFailedSignIns, recordSignInAttempt } from '@/db/queries/sign-in-attempts';
import { recordAudit } from '@/db/queries/audit';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '@/lib/secrets/password';

/** Failed attempts allowed per email (and, more loosely, per address) within the window before sign-in is refused. */
export const SIGN_IN_LIMIT = { perEmail: 5, perIp: 30, windowMinutes: 15 };

/** Sign-in refused; `code` picks the message the sign-in page shows. */
export class SignInRefused extends Error {
  constructor(readonly code: 'invalid' | 'rate_limited' | 'disabled') {
    super(`sign-in refused: ${code}`);
  }
}

/** The messages the sign-in form shows for each refusal code. */
export const SIGN_IN_MESSAGES: Record<string, string> = {
  invalid: 'Wrong email or password. Check both and try again.',
  rate_limited: `Too many failed sign-ins. Wait ${SIGN_IN_LIMIT.windowMinutes} minutes, or ask an admin to reset your password.`,
  disabled: 'This account is disabled. Ask an admin of your workspace to enable it.',
};

/** Checks an email and password; returns the user for the session or throws SignInRefused. */
export async function authenticate(db: Database, input: { email: string; password: string; ip: string }) {
  const email = input.email.trim().toLowerCase();
  const since = new Date(Date.now() - SIGN_IN_LIMIT.windowMinutes * 60_000);
  const [byEmail, byIp] = await Promise.all([
    countFailedSignIns(db, `email:${email}`, since),
    countFailedSignIns(db, `ip:${input.ip}`, since),
  ]);
  if (byEmail >= SIGN_IN_LIMIT.perEmail || byIp >= SIGN_IN_LIMIT.perIp) throw new SignInRefused('rate_limited');

  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !ok) {
    await recordSignInAttempt(db, `email:${email}`, false);
    await recordSignInAttempt(db, `ip:${input.ip}`, false);
    throw new SignInRefused('invalid');
  }
  if (user.disabledAt) throw new SignInRefused('disabled');
  const membership = await findUserWithMembership(db, user.id);
  if (!membership) throw new SignInRefused('invalid');
  await recordAudit(db, {
    workspaceId: membership.workspaceId, actorId: user.id, actorEmail: user.email,
    action: 'sign_in', targetType: 'user', targetId: user.id, summary: `${user.email} signed in`,
  });
  return { id: user.id, email: user.email, name: user.name, workspaceId: membership.workspaceId, sessionVersion: user.sessionVersion };
}
