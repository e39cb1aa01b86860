import { and, eq, gt, isNull, lt, or, isNotNull } from 'drizzle-orm';
import type { Database } from '../client';
import { authSessions } from '../schema';

/** Starts a session for a user that ends at `expiresAt` whatever happens in between; returns its id. */
export async function createAuthSession(db: Database, userId: string, expiresAt: Date): Promise<string> {
  const [row] = await db.insert(authSessions).values({ userId, expiresAt }).returning({ id: authSessions.id });
  return row.id;
}

/** True while the session exists for this user, is not revoked and has not expired. */
export async function isAuthSessionActive(db: Database, sessionId: string, userId: string, now = new Date()): Promise<boolean> {
  const [row] = await db.select({ id: authSessions.id }).from(authSessions)
    .where(and(eq(authSessions.id, sessionId), eq(authSessions.userId, userId), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, now)));
  return Boolean(row);
}

/** Ends a session (sign-out): its cookie opens nothing from now on, wherever it was copied to. */
export async function revokeAuthSession(db: Database, sessionId: string, now = new Date()): Promise<void> {
  await db.update(authSessions).set({ revokedAt: now }).where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt)));
}

/** Deletes sessions that ended before a moment; returns how many went. */
export async function pruneAuthSessions(db: Database, endedBefore: Date): Promise<number> {
  const rows = await db.delete(authSessions)
    .where(or(lt(authSessions.expiresAt, endedBefore), and(isNotNull(authSessions.revokedAt), lt(authSessions.revokedAt, endedBefore))))
    .returning({ id: authSessions.id });
  return rows.length;
}
