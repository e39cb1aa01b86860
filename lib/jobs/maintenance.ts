import type { Database } from '@/db/client';
import { pruneAuthSessions } from '@/db/queries/auth-sessions';
import { pruneRateLimits } from '@/db/queries/rate-limits';
import { pruneSignInAttempts } from '@/db/queries/sign-in-attempts';
import { logger } from '@/lib/log';

/**
 * Deletes sign-in attempts older than `olderThanHours` (they only matter for the rate-limit window), and
 * sessions that ended that long ago (signed out or past their end, they open nothing). Returns the attempts removed.
 */
export async function pruneExpiredSignInAttempts(db: Database, olderThanHours: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - olderThanHours * 3_600_000);
  const removed = await pruneSignInAttempts(db, cutoff);
  const sessions = await pruneAuthSessions(db, cutoff);
  await pruneRateLimits(db, cutoff);
  logger.info({ removed, sessions }, 'pruned expired sign-in attempts, ended sessions and old rate-limit counters');
  return removed;
}
