/**
 * Per-caller rate limits of the HTTP APIs (ingestion, runs, inbound triggers): on PostgreSQL the counters
 * live in the `rate_limits` table (rate-limiter-flexible's PostgreSQL store), so every web instance on the
 * database shares them; embedded PGlite is one process, where memory is exact. A refused call is an
 * AppError RATE_LIMITED with Retry-After.
 */
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { DatabaseHandle } from '@/db/client';
import { AppError } from '@/lib/errors';

/** Calls allowed per key per window; a burst of this many is allowed, then callers wait for the window to pass. */
export interface RateLimit {
  points: number;
  durationSeconds: number;
}

/** A new limiter for a database: counted in `rate_limits` on PostgreSQL, in memory on PGlite. */
export function createRateLimiter(handle: Pick<DatabaseHandle, 'kind' | 'pool'>, keyPrefix: string, limit: RateLimit): RateLimiterAbstract {
  if (handle.kind === 'postgres' && handle.pool) {
    return new RateLimiterPostgres({
      storeClient: handle.pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: false,
      keyPrefix, points: limit.points, duration: limit.durationSeconds,
    });
  }
  return new RateLimiterMemory({ keyPrefix, points: limit.points, duration: limit.durationSeconds });
}

/**
 * One named limit of the process (its limiters made once per database pool), which tests and deployments
 * may change with `configure`.
 */
export class NamedRateLimit {
  private limit: RateLimit;
  private memory: RateLimiterAbstract;
  private readonly shared = new WeakMap<object, { limit: RateLimit; limiter: RateLimiterAbstract }>();

  constructor(readonly keyPrefix: string, private readonly defaults: RateLimit) {
    this.limit = defaults;
    this.memory = createRateLimiter({ kind: 'pglite' }, keyPrefix, defaults);
  }

  /** Replaces the limit (and forgets what callers used so far in memory); no argument restores the default. */
  configure(limit: RateLimit = this.defaults): void {
    this.limit = limit;
    this.memory = createRateLimiter({ kind: 'pglite' }, this.keyPrefix, limit);
  }

  /** The limiter for a database: shared through PostgreSQL, or this process's memory. */
  limiterFor(handle: Pick<DatabaseHandle, 'kind' | 'pool'>): RateLimiterAbstract {
    if (handle.kind !== 'postgres' || !handle.pool) return this.memory;
    const found = this.shared.get(handle.pool);
    if (found && found.limit === this.limit) return found.limiter;
    const limiter = createRateLimiter(handle, this.keyPrefix, this.limit);
    this.shared.set(handle.pool, { limit: this.limit, limiter });
    return limiter;
  }

  /** The in-memory limiter (a caller without a database handle). */
  inMemory(): RateLimiterAbstract {
    return this.memory;
  }
}

/** Takes one call from `key`'s allowance, or throws RATE_LIMITED: `${message} Retry after N s.` with Retry-After. */
export async function consumeRate(limiter: RateLimiterAbstract, key: string, message: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new AppError('RATE_LIMITED', `${message} Retry after ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}
