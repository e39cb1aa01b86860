/**
 * Salesforce failures as AppErrors: a refused API call keeps Salesforce's own error code, the HTTP status
 * and any Retry-After, so the retry policy and the engine can tell transient failures from final ones.
 */
import { AppError } from '@/lib/errors';
import type { ApiUsage } from './client';
import { explainSalesforceError } from './error-help';

/** Facts about a refused Salesforce call. */
export interface SalesforceFailure {
  /** Salesforce's errorCode (e.g. `UNABLE_TO_LOCK_ROW`), or `HTTP_<status>` when the body had none. */
  sfErrorCode: string;
  httpStatus: number;
  /** Salesforce's own message. */
  sfMessage: string;
  /** Milliseconds from Retry-After, when the answer carried one. */
  retryAfterMs?: number;
  fields?: string[];
}

/** A Salesforce API call that failed with an HTTP error. */
export class SalesforceApiError extends AppError {
  readonly sfErrorCode: string;
  readonly httpStatus: number;
  readonly sfMessage: string;
  readonly retryAfterMs?: number;
  readonly fields: string[];

  constructor(failure: SalesforceFailure, message?: string) {
    const help = explainSalesforceError(failure.sfErrorCode);
    super(
      failure.httpStatus === 429 || failure.httpStatus === 503 ? 'UNAVAILABLE' : 'SALESFORCE',
      message ?? `Salesforce refused the request (${failure.sfErrorCode}: ${failure.sfMessage}). ${help.explanation} ${help.fix}`,
      { retryAfterSeconds: failure.retryAfterMs === undefined ? undefined : Math.ceil(failure.retryAfterMs / 1000), details: { sfErrorCode: failure.sfErrorCode } },
    );
    this.name = 'SalesforceApiError';
    this.sfErrorCode = failure.sfErrorCode;
    this.httpStatus = failure.httpStatus;
    this.sfMessage = failure.sfMessage;
    this.retryAfterMs = failure.retryAfterMs;
    this.fields = failure.fields ?? [];
  }
}

/** The org's daily API allowance is used up (403 REQUEST_LIMIT_EXCEEDED): never retried; the run stops. */
export class ApiLimitExceededError extends SalesforceApiError {
  constructor(failure: SalesforceFailure, usage?: ApiUsage) {
    const counted = usage ? ` (${usage.used.toLocaleString('en-US')} of ${usage.max.toLocaleString('en-US')} calls in the last 24 hours)` : '';
    super(failure,
      `The Salesforce org's daily API allowance is used up${counted}, so the run stopped and sent nothing more; rows not yet written ` +
      'go with the next run. Salesforce frees calls over a rolling 24 hours: try again after a few hours, or ask your Salesforce admin to raise the org\'s API limit.');
    this.name = 'ApiLimitExceededError';
  }
}

/** Raised when Salesforce refuses the stored refresh token: an admin must reconnect the account. */
export class ReconnectNeededError extends AppError {
  constructor(username: string, reason: string) {
    super('CONFLICT', `Salesforce refused to renew the session of ${username} (${reason}). An admin must click Reconnect on the Accounts page.`,
      { details: { sfErrorCode: 'INVALID_SESSION_ID' } });
    this.name = 'ReconnectNeededError';
  }
}

/** Seconds or an HTTP date, as Retry-After carries them, in milliseconds from `now`. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw.trim())) return Math.round(Number(raw) * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Reads Salesforce's error body (`[{errorCode, message, fields}]`, or Bulk's `[{errorCode, message}]`). */
export function failureFromResponse(status: number, headers: Record<string, string | string[] | undefined>, body: string): SalesforceFailure {
  let first: { errorCode?: string; message?: string; fields?: string[] } | undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    first = (Array.isArray(parsed) ? parsed[0] : parsed) as typeof first;
  } catch {
    first = undefined;
  }
  return {
    sfErrorCode: first?.errorCode ?? `HTTP_${status}`,
    httpStatus: status,
    sfMessage: first?.message ?? (body.slice(0, 200) || `HTTP ${status}`),
    retryAfterMs: parseRetryAfter(headers['retry-after']),
    fields: Array.isArray(first?.fields) ? first.fields : undefined,
  };
}
