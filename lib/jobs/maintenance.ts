import type { Database } from '@/db/client';
import { pruneSignInAttempts } from '@/db/queries/sign-in-attempts';
import { logger } from '@/lib/log';
import { QUEUES } from './queues';

/** Deletes sign-in attempts older than the payload says; they only matter for the rate-limit window. */
export async function pruneExpiredSignInAttempts(db: Database, data: unknown, now = new Date()): Promise<number> {
  const { olderThanHours } = QUEUES.maintenancePrune.payload.parse(data ?? {});
  const removed = await pruneSignInAttempts(db, new Date(now.getTime() - olderThanHours * 3_600_000));
  logger.info({ removed }, 'pruned expired sign-in attempts');
  return removed;
}
