import { AppError, type ErrorCode } from '@/lib/errors';

/** What went wrong in Insights, so callers map it to an HTTP status and a message in one place. */
export type InsightsErrorCode =
  | 'UNAUTHORIZED'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'BAD_REQUEST'
  | 'REPORT_NOT_FOUND'
  | 'INVALID_REPORT'
  | 'DUPLICATE_REPORT_NAME'
  | 'INVALID_QUERY'
  | 'INVALID_TAG'
  | 'INVALID_CSV';

const statusByCode: Record<InsightsErrorCode, number> = {
  UNAUTHORIZED: 401,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  BAD_REQUEST: 400,
  REPORT_NOT_FOUND: 404,
  INVALID_REPORT: 400,
  DUPLICATE_REPORT_NAME: 409,
  INVALID_QUERY: 400,
  INVALID_TAG: 400,
  INVALID_CSV: 400,
};

/** A typed Insights failure; its message is safe to show to the caller. */
export class InsightsError extends Error {
  readonly code: InsightsErrorCode;
  /** Seconds until a rate-limited caller may try again. */
  readonly retryAfterSeconds?: number;

  constructor(code: InsightsErrorCode, message: string, options?: { retryAfterSeconds?: number }) {
    super(message);
    this.name = 'InsightsError';
    this.code = code;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  /** The HTTP status this error answers with. */
  get status(): number {
    return statusByCode[this.code];
  }
}

const appCodeByCode: Record<InsightsErrorCode, ErrorCode> = {
  UNAUTHORIZED: 'UNAUTHENTICATED',
  RATE_LIMITED: 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'VALIDATION',
  BAD_REQUEST: 'VALIDATION',
  REPORT_NOT_FOUND: 'NOT_FOUND',
  INVALID_REPORT: 'VALIDATION',
  DUPLICATE_REPORT_NAME: 'CONFLICT',
  INVALID_QUERY: 'VALIDATION',
  INVALID_TAG: 'VALIDATION',
  INVALID_CSV: 'VALIDATION',
};

/** For server actions and pages: an InsightsError as the app's AppError (same message); anything else unchanged. */
export function asAppError(error: unknown): unknown {
  return error instanceof InsightsError ? new AppError(appCodeByCode[error.code], error.message) : error;
}
