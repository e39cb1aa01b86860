import type { Database } from '@/db/client';
import { pruneSignInAttempts } from '@/db/queries/sign-in-attempts';
import { logger } from '@/lib/log';

/** Deletes sign-in attempts older than `olderThanHours`; they only matter for the rate-limit window. */
export async function pruneExpiredSignInAttempts(db: Database, olderThanHours: number, now = new Date()): Promise<number> {
  const removed = await pruneSignInAttempts(db, new Date(now.getTime() - olderThanHours * 3_600_000));
  logger.info({ removed }, 'pruned expired sign-in attempts');
  return removed;
}
