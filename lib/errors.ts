/** Error codes the app knows, each with its HTTP status. */
export const ERROR_STATUS = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** An error whose message is written for the user: safe to show, names the problem and the fix. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const forbidden = (what = 'do this') => new AppError('FORBIDDEN', `Only workspace admins can ${what}. Ask an admin to do it or to make you an admin.`);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found in your workspace. It may have been removed; reload the page.`);

/** The one shape every server action answers with. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

/**
 * The submitted text fields, echoed back on a failed submit so the form can show them again (React resets
 * a form after its action runs). Secrets are never echoed.
 */
export function echoValues(input: FormData | Record<string, unknown>): Record<string, string> {
  const entries = input instanceof FormData ? [...input.entries()] : Object.entries(input);
  return Object.fromEntries(entries.filter(([k, v]) => typeof v === 'string' && !/password|secret|token/i.test(k) && !k.startsWith('$ACTION')) as Array<[string, string]>);
}

/** Turns anything thrown into an ActionResult without leaking internal messages. */
export function toActionError(error: unknown): { ok: false; message: string; fieldErrors?: Record<string, string[]> } {
  if (error instanceof AppError) return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
  return { ok: false, message: 'Something went wrong on our side. Try again; if it keeps failing, check the server log.' };
}
