/**
 * The one error model: every failure a user or API caller may see is an AppError with a code. The table below
 * is the only place a code gets its HTTP status and its default message; route handlers turn errors into
 * Responses with lib/api/error-response.ts, server actions with toActionError, jobs log them by code.
 */
export const ERRORS = {
  UNAUTHENTICATED: { status: 401, message: 'Your session has ended. Sign in again to continue.' },
  INVALID_API_KEY: { status: 401, message: 'The API key is not valid or has been revoked. Create a key under Settings › API keys.' },
  FORBIDDEN: { status: 403, message: 'You are not allowed to do this. Ask a workspace admin.' },
  NOT_FOUND: { status: 404, message: 'That item was not found in your workspace. It may have been removed; reload the page.' },
  VALIDATION: { status: 400, message: 'Some fields need attention.' },
  CONFLICT: { status: 409, message: 'That conflicts with a change made meanwhile. Reload the page and try again.' },
  LENGTH_REQUIRED: { status: 411, message: 'Send the request with its size (a Content-Length header).' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request is too large. Send less data per request.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests. Wait a moment and try again.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side. Try again; if it keeps failing, check the server log.' },
  SALESFORCE: { status: 502, message: 'Salesforce refused the request. Check the details shown and try again.' },
  UNAVAILABLE: { status: 503, message: 'A service DIC depends on is not available right now. Try again in a few minutes.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** Per-field messages, keyed by the field's name (nested fields use dotted paths, e.g. `keys.0.field`). */
export type FieldErrors = Record<string, string[]>;

/** What an AppError may carry besides its code and message. */
export interface AppErrorOptions {
  fieldErrors?: FieldErrors;
  /** Seconds until the caller may try again (RATE_LIMITED, UNAVAILABLE); sent as Retry-After. */
  retryAfterSeconds?: number;
  /** The underlying error, logged but never shown. */
  cause?: unknown;
  /** Extra machine-readable facts safe to send to the caller (e.g. the active run's id). */
  details?: Record<string, unknown>;
}

/** An error whose message is written for the user: safe to show, names the problem and the fix. */
export class AppError extends Error {
  readonly fieldErrors?: FieldErrors;
  readonly retryAfterSeconds?: number;
  readonly details?: Record<string, unknown>;

  constructor(readonly code: ErrorCode, message: string = ERRORS[code].message, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.fieldErrors = options.fieldErrors;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details;
  }

  /** The HTTP status this error answers with. */
  get status(): number {
    return ERRORS[this.code].status;
  }
}

/** True when `error` is an AppError with one of `codes` (any code when none is given). */
export function isAppError(error: unknown, ...codes: ErrorCode[]): error is AppError {
  return error instanceof AppError && (codes.length === 0 || codes.includes(error.code));
}

/** The error as an AppError: itself, or INTERNAL (generic message, the original kept as cause) for anything else. */
export function toAppError(error: unknown): AppError {
  return error instanceof AppError ? error : new AppError('INTERNAL', undefined, { cause: error });
}

export const forbidden = (what = 'do this') => new AppError('FORBIDDEN', `Only workspace admins can ${what}. Ask an admin to do it or to make you an admin.`);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found in your workspace. It may have been removed; reload the page.`);

/** The one shape every server action answers with. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; code?: ErrorCode; fieldErrors?: FieldErrors; values?: Record<string, string> };

/**
 * The submitted text fields, echoed back on a failed submit so the form can show them again (React resets
 * a form after its action runs). Secrets are never echoed.
 */
export function echoValues(input: FormData | Record<string, unknown>): Record<string, string> {
  const entries = input instanceof FormData ? [...input.entries()] : Object.entries(input);
  return Object.fromEntries(entries.filter(([k, v]) => typeof v === 'string' && !/password|secret|token/i.test(k) && !k.startsWith('$ACTION')) as Array<[string, string]>);
}

/** Turns anything thrown into an ActionResult without leaking internal messages (the caller logs INTERNAL ones). */
export function toActionError(error: unknown): { ok: false; message: string; code: ErrorCode; fieldErrors?: FieldErrors } {
  const app = toAppError(error);
  return { ok: false, message: app.message, code: app.code, ...(app.fieldErrors ? { fieldErrors: app.fieldErrors } : {}) };
}
