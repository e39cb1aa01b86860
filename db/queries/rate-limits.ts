import { lt, sql } from 'drizzle-orm';
import { selectRows, type Database } from '../client';
import { rateLimits } from '../schema';

/** Deletes rate-limit counters that expired before a moment. */
export async function pruneRateLimits(db: Database, expiredBefore: Date): Promise<void> {
  await db.delete(rateLimits).where(lt(rateLimits.expire, expiredBefore.getTime()));
}

/** Points used per counter key, for tests and diagnostics. */
export async function listRateLimits(db: Database): Promise<Array<{ key: string; points: number }>> {
  return db.select({ key: rateLimits.key, points: rateLimits.points }).from(rateLimits);
}

/**
 * Reserves the next call slot of a paced counter (GCRA with no burst): the row's `expire` holds the earliest
 * moment the next call may start, pushed `spacingMs` on by every reservation. Answers how long the caller
 * must wait before its call, by the database's clock, so processes on several machines agree without
 * trusting each other's clocks. One statement, atomic under concurrency.
 */
export async function reserveCallSlot(db: Database, key: string, spacingMs: number): Promise<{ waitMs: number }> {
  const [row] = await selectRows<{ wait_ms: string | number }>(db, sql`
    with n as (select (extract(epoch from clock_timestamp()) * 1000)::bigint as ms)
    insert into rate_limits (key, points, expire)
    select ${key}, 1, n.ms + ${spacingMs}::bigint from n
    on conflict (key) do update set points = 1, expire = greatest(rate_limits.expire, excluded.expire - ${spacingMs}::bigint) + ${spacingMs}::bigint
    returning greatest(0, rate_limits.expire - ${spacingMs}::bigint - (select ms from n)) as wait_ms`);
  return { waitMs: Number(row.wait_ms) };
}
