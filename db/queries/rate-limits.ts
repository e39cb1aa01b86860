import { lt } from 'drizzle-orm';
import type { Database } from '../client';
import { rateLimits } from '../schema';

/** Deletes rate-limit counters that expired before a moment. */
export async function pruneRateLimits(db: Database, expiredBefore: Date): Promise<void> {
  await db.delete(rateLimits).where(lt(rateLimits.expire, expiredBefore.getTime()));
}

/** Points used per counter key, for tests and diagnostics. */
export async function listRateLimits(db: Database): Promise<Array<{ key: string; points: number }>> {
  return db.select({ key: rateLimits.key, points: rateLimits.points }).from(rateLimits);
}
