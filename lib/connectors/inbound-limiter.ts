import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { DatabaseHandle } from '@/db/client';

/** Calls a minute one inbound trigger accepts, and failed authentications it tolerates, before 429. */
export interface InboundRateLimits {
  callsPerMinute: number;
  failedAuthPerMinute: number;
}

export const DEFAULT_INBOUND_LIMITS: InboundRateLimits = { callsPerMinute: 600, failedAuthPerMinute: 20 };

/** The two limiters of the inbound endpoint. */
export interface InboundLimiters {
  calls: RateLimiterAbstract;
  failedAuth: RateLimiterAbstract;
}

/**
 * On PostgreSQL the counters live in the database (table `rate_limits_inbound`, created by
 * rate-limiter-flexible), so every web instance shares them; PGlite serves one process, where memory is exact.
 */
export async function createInboundLimiters(handle: Pick<DatabaseHandle, 'kind' | 'pool'>, limits: InboundRateLimits = DEFAULT_INBOUND_LIMITS): Promise<InboundLimiters> {
  if (handle.kind === 'postgres' && handle.pool) {
    const make = (keyPrefix: string, points: number) => new Promise<RateLimiterAbstract>((resolve, reject) => {
      const limiter: RateLimiterPostgres = new RateLimiterPostgres({
        storeClient: handle.pool, storeType: 'pool', tableName: 'rate_limits_inbound', keyPrefix, points, duration: 60, clearExpiredByTimeout: false,
      }, (error?: Error) => (error ? reject(error) : resolve(limiter)));
    });
    return { calls: await make('inbound-calls', limits.callsPerMinute), failedAuth: await make('inbound-auth', limits.failedAuthPerMinute) };
  }
  return {
    calls: new RateLimiterMemory({ keyPrefix: 'inbound-calls', points: limits.callsPerMinute, duration: 60 }),
    failedAuth: new RateLimiterMemory({ keyPrefix: 'inbound-auth', points: limits.failedAuthPerMinute, duration: 60 }),
  };
}

const globalForLimiters = globalThis as unknown as { __dicInboundLimiters?: Promise<InboundLimiters> };

/** The process's limiters of the inbound endpoint, made once. */
export function inboundLimiters(handle: Pick<DatabaseHandle, 'kind' | 'pool'>): Promise<InboundLimiters> {
  globalForLimiters.__dicInboundLimiters ??= createInboundLimiters(handle);
  globalForLimiters.__dicInboundLimiters.catch(() => { globalForLimiters.__dicInboundLimiters = undefined; });
  return globalForLimiters.__dicInboundLimiters;
}
