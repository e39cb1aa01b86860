import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Database } from '../client';
import { signInAttempts } from '../schema';

/**
 * Records an attempt before its password is checked, so concurrent attempts count each other: every attempt
 * sees at least all the attempts recorded before it. Returns the new rows' ids.
 */
export async function recordPendingAttempts(db: Database, keys: string[]): Promise<string[]> {
  const rows = await db.insert(signInAttempts).values(keys.map((key) => ({ key, succeeded: false }))).returning({ id: signInAttempts.id });
  return rows.map((r) => r.id);
}

/** Failed (or still pending) attempts for a key since a moment, oldest first. */
export async function failedAttempts(db: Database, key: string, since: Date): Promise<Array<{ id: string; at: Date }>> {
  return db.select({ id: signInAttempts.id, at: signInAttempts.createdAt }).from(signInAttempts)
    .where(and(eq(signInAttempts.key, key), eq(signInAttempts.succeeded, false), gte(signInAttempts.createdAt, since)))
    .orderBy(asc(signInAttempts.createdAt));
}

/** Forgets attempts by id (a refused or successful attempt is no failed guess). */
export async function deleteAttempts(db: Database, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.delete(signInAttempts).where(inArray(signInAttempts.id, ids));
}

/** Forgets every attempt for a key: after a successful sign-in or a password reset the account is unlocked. */
export async function clearAttempts(db: Database, key: string): Promise<void> {
  await db.delete(signInAttempts).where(eq(signInAttempts.key, key));
}

/** Deletes attempts older than a moment; returns how many went. */
export async function pruneSignInAttempts(db: Database, olderThan: Date): Promise<number> {
  const rows = await db.delete(signInAttempts).where(lt(signInAttempts.createdAt, olderThan)).returning({ id: signInAttempts.id });
  return rows.length;
}

/** Records one finished attempt (tests and tools; sign-in itself records attempts as pending first). */
export async function recordSignInAttempt(db: Database, key: string, succeeded: boolean) {
  await db.insert(signInAttempts).values({ key, succeeded });
}
