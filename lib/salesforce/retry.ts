/**
 * How DIC retries Salesforce calls: p-retry with capped, jittered exponential backoff for 429 (waiting at
 * least its Retry-After), 503, call-level UNABLE_TO_LOCK_ROW and network errors. REQUEST_LIMIT_EXCEEDED,
 * a refused session renewal and every other refusal are final.
 */
import pRetry from 'p-retry';
import { SalesforceApiError } from './errors';

/** Retry timing; tests shrink the delays and record the waits through `sleep`. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
  /** The longest Retry-After DIC honours; a longer one is capped here. */
  maxRetryAfterMs: number;
  /** Waits for Retry-After (default setTimeout). */
  sleep: (ms: number) => Promise<void>;
}

/** Production timing: 6 retries, 1 s doubling to at most 30 s, each delay randomised (×1–2). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 6,
  minDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENETDOWN', 'ENETUNREACH', 'EHOSTDOWN', 'EAI_AGAIN',
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED',
]);

/** True for a failure from the network rather than from Salesforce (reset, refused, timed out connection). */
export function isNetworkError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    if (e instanceof TypeError && e.message === 'fetch failed' && !(e as { cause?: unknown }).cause) return true;
  }
  return /socket hang up|other side closed/i.test(String((error as Error)?.message ?? ''));
}

/** True when the failure is worth another attempt. */
export function isTransient(error: unknown): boolean {
  if (error instanceof SalesforceApiError) {
    if (error.httpStatus === 429) return true;
    if (error.sfErrorCode === 'REQUEST_LIMIT_EXCEEDED') return false;
    return error.httpStatus === 503 || error.sfErrorCode === 'UNABLE_TO_LOCK_ROW' || error.sfErrorCode === 'SERVER_UNAVAILABLE';
  }
  return isNetworkError(error);
}

/** Runs `call`, retrying transient failures under `policy`. */
export function withRetry<T>(call: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Promise<T> {
  return pRetry(call, {
    retries: policy.retries,
    minTimeout: policy.minDelayMs,
    maxTimeout: policy.maxDelayMs,
    factor: 2,
    randomize: true,
    shouldRetry: ({ error }) => isTransient(error),
    // Salesforce's Retry-After is waited in full, then p-retry's jittered backoff on top.
    onFailedAttempt: async ({ error, retriesLeft }) => {
      if (retriesLeft === 0 || !isTransient(error)) return;
      const retryAfter = error instanceof SalesforceApiError ? error.retryAfterMs : undefined;
      if (retryAfter !== undefined && retryAfter > 0) await policy.sleep(Math.min(retryAfter, policy.maxRetryAfterMs));
    },
  });
}
