import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { signInAttempts } from '../schema';

export async function recordSignInAttempt(db: Database, key: string, succeeded: boolean) {
  await db.insert(signInAttempts).values({ key, succeeded });
}

/** Failed attempts for a key since a moment. */
export async function countFailedSignIns(db: Database, key: string, since: Date): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(signInAttempts)
    .where(and(eq(signInAttempts.key, key), eq(signInAttempts.succeeded, false), gte(signInAttempts.createdAt, since)));
  return row.n;
}

/** Deletes attempts older than a moment; returns how many went. */
export async function pruneSignInAttempts(db: Database, olderThan: Date): Promise<number> {
  const rows = await db.delete(signInAttempts).where(lt(signInAttempts.createdAt, olderThan)).returning({ id: signInAttempts.id });
  return rows.length;
}
