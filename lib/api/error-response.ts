import { AppError, toAppError } from '@/lib/errors';
import { logger } from '@/lib/log';

/**
 * The one way a route handler answers a failure: JSON `{ error, code, fieldErrors?, details? }` with the code's
 * status, Retry-After when the error says when to retry, and `WWW-Authenticate: Bearer` for a refused API key.
 * Anything that is not an AppError is logged with `what` and answered with the generic INTERNAL message.
 */
export function errorResponse(error: unknown, what = 'request failed'): Response {
  if (!(error instanceof AppError)) logger.error({ err: error }, what);
  const app = toAppError(error);
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (app.retryAfterSeconds !== undefined) headers['retry-after'] = String(Math.max(0, Math.ceil(app.retryAfterSeconds)));
  if (app.code === 'INVALID_API_KEY') headers['www-authenticate'] = 'Bearer';
  const body = {
    error: app.message,
    code: app.code,
    ...(app.fieldErrors ? { fieldErrors: app.fieldErrors } : {}),
    ...(app.details ? { details: app.details } : {}),
  };
  return Response.json(body, { status: app.status, headers });
}
