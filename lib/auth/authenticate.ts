import type { Database } from '@/db/client';
import { findUserByEmail, findUserWithMembership } from '@/db/queries/users';
import { clearAttempts, deleteAttempts, failedAttempts, recordPendingAttempts } from '@/db/queries/sign-in-attempts';
import { recordAudit } from '@/db/queries/audit';
import { logger } from '@/lib/log';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '@/lib/secrets/password';

/** Failed attempts allowed per email (and, more loosely, per address) within the window before sign-in is refused. */
export const SIGN_IN_LIMIT = { perEmail: 5, perIp: 30, windowMinutes: 15 };

type RefusalCode = 'invalid' | 'rate_limited' | 'disabled';

/** Sign-in refused; `code` picks the message the sign-in page shows, `retryInMinutes` says when a lockout ends. */
export class SignInRefused extends Error {
  constructor(readonly code: RefusalCode, readonly retryInMinutes?: number) {
    super(`sign-in refused: ${code}`);
  }

  /** The code next-auth carries back to the sign-in form (a lockout carries its minutes: `rate_limited:7`). */
  get wireCode(): string {
    return this.retryInMinutes === undefined ? this.code : `${this.code}:${this.retryInMinutes}`;
  }
}

const MESSAGES: Record<RefusalCode, string> = {
  invalid: 'Wrong email or password. Check both and try again.',
  rate_limited: 'Too many failed sign-ins. Try again in {minutes}, or ask an admin to reset your password.',
  disabled: 'This account is disabled. Ask an admin of your workspace to enable it.',
};

/** The message the sign-in form shows for a refusal's wire code (see SignInRefused.wireCode). */
export function signInMessage(wireCode: string | undefined): string {
  const [code, minutesText] = (wireCode ?? 'invalid').split(':');
  const template = MESSAGES[code as RefusalCode] ?? MESSAGES.invalid;
  const minutes = Math.max(1, Number(minutesText) || SIGN_IN_LIMIT.windowMinutes);
  return template.replace('{minutes}', minutes === 1 ? '1 minute' : `${minutes} minutes`);
}

const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;

/**
 * Minutes until a key drops below its limit, or null when it is below already. `times` are its failed or
 * pending attempts in the window, oldest first, without the attempt being judged.
 */
function lockedForMinutes(times: Date[], limit: number, now: number): number | null {
  if (times.length < limit) return null;
  const unlocksAt = times[times.length - limit].getTime() + SIGN_IN_LIMIT.windowMinutes * 60_000;
  return Math.max(1, Math.ceil((unlocksAt - now) / 60_000));
}

/**
 * Checks an email and password; returns the user for the session or throws SignInRefused.
 *
 * The attempt is written first and counted after, in that order, so attempts sent at once cannot all slip
 * under the limit: the n-th attempt to be recorded always sees at least n attempts. Only attempts within
 * the limit reach the password check; a refused one is forgotten again (it guessed nothing), and a
 * successful sign-in clears the email's failures.
 */
export async function authenticate(db: Database, input: { email: string; password: string; ip: string }) {
  const email = input.email.trim().toLowerCase();
  const keys = [emailKey(email), `ip:${input.ip}`];
  const ids = await recordPendingAttempts(db, keys);
  const since = new Date(Date.now() - SIGN_IN_LIMIT.windowMinutes * 60_000);
  // Judged against every other attempt already visible, including ones made at the same moment.
  const others = async (key: string) => (await failedAttempts(db, key, since)).filter((a) => !ids.includes(a.id)).map((a) => a.at);
  const [byEmail, byIp] = await Promise.all(keys.map(others));
  const lockedMinutes = [lockedForMinutes(byEmail, SIGN_IN_LIMIT.perEmail, Date.now()),
    lockedForMinutes(byIp, SIGN_IN_LIMIT.perIp, Date.now())].filter((m): m is number => m !== null);
  const user = await findUserByEmail(db, email);
  if (lockedMinutes.length > 0) {
    await deleteAttempts(db, ids);
    const minutes = Math.max(...lockedMinutes);
    await auditRefusal(db, user, 'locked out', `Sign-in refused for ${email}: too many failed attempts`);
    throw new SignInRefused('rate_limited', minutes);
  }

  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !ok) {
    await auditRefusal(db, user, 'wrong password', `Failed sign-in for ${email}: wrong password`);
    throw new SignInRefused('invalid');
  }
  if (user.disabledAt) {
    await deleteAttempts(db, ids);
    await auditRefusal(db, user, 'disabled', `Sign-in refused for ${email}: the account is disabled`);
    throw new SignInRefused('disabled');
  }
  const membership = await findUserWithMembership(db, user.id);
  if (!membership) throw new SignInRefused('invalid');
  await clearAttempts(db, keys[0]);
  await deleteAttempts(db, ids.slice(1));
  await recordAudit(db, {
    workspaceId: membership.workspaceId, actorId: user.id, actorEmail: user.email,
    action: 'sign_in', targetType: 'user', targetId: user.id, summary: `${user.email} signed in`,
  });
  return { id: user.id, email: user.email, name: user.name, workspaceId: membership.workspaceId, sessionVersion: user.sessionVersion };
}

/** Unlocks an email after an admin reset its password (or the server command did). */
export async function clearSignInFailures(db: Database, email: string): Promise<void> {
  await clearAttempts(db, emailKey(email));
}

/** A refused sign-in of a known user goes to their workspace's audit log; unknown emails only to the server log. */
async function auditRefusal(db: Database, user: Awaited<ReturnType<typeof findUserByEmail>>, reason: string, summary: string) {
  const membership = user ? await findUserWithMembership(db, user.id) : null;
  if (!user || !membership) {
    logger.info({ event: 'sign_in_refused', reason, knownUser: false }, 'sign-in refused');
    return;
  }
  logger.info({ event: 'sign_in_refused', reason, userId: user.id }, 'sign-in refused');
  await recordAudit(db, {
    workspaceId: membership.workspaceId, actorId: user.id, actorEmail: user.email,
    action: 'sign_in_failed', targetType: 'user', targetId: user.id, summary, details: { reason },
  });
}
