import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { DatabaseHandle } from '@/db/client';
import { createRateLimiter } from '@/lib/api/rate-limit';

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
 * On PostgreSQL the counters live in the database (table `rate_limits`, as the other API limits), so every
 * web instance shares them; PGlite serves one process, where memory is exact.
 */
export function createInboundLimiters(handle: Pick<DatabaseHandle, 'kind' | 'pool'>, limits: InboundRateLimits = DEFAULT_INBOUND_LIMITS): InboundLimiters {
  return {
    calls: createRateLimiter(handle, 'inbound-calls', { points: limits.callsPerMinute, durationSeconds: 60 }),
    failedAuth: createRateLimiter(handle, 'inbound-auth', { points: limits.failedAuthPerMinute, durationSeconds: 60 }),
  };
}

const globalForLimiters = globalThis as unknown as { __dicInboundLimiters?: WeakMap<object, InboundLimiters> };

/** The process's limiters of the inbound endpoint, made once per database. */
export function inboundLimiters(handle: Pick<DatabaseHandle, 'kind' | 'pool'>): InboundLimiters {
  globalForLimiters.__dicInboundLimiters ??= new WeakMap();
  const scope = handle.pool ?? globalForLimiters;
  let limiters = globalForLimiters.__dicInboundLimiters.get(scope);
  if (!limiters) {
    limiters = createInboundLimiters(handle);
    globalForLimiters.__dicInboundLimiters.set(scope, limiters);
  }
  return limiters;
}
