import { describe, expect, it } from 'vitest';
import { errorResponse } from '@/lib/api/error-response';
import { AppError, ERRORS, isAppError, toActionError, toAppError } from './errors';

describe('the one error model', () => {
  it('gives every code its status and a default message that names a way out', () => {
    expect(new AppError('INVALID_API_KEY').status).toBe(401);
    expect(new AppError('PAYLOAD_TOO_LARGE', 'x').status).toBe(413);
    expect(new AppError('NOT_FOUND', 'gone').status).toBe(404);
    expect(new AppError('CONFLICT').message).toBe(ERRORS.CONFLICT.message);
    for (const { message } of Object.values(ERRORS)) expect(message).toMatch(/\.$/);
  });

  it('carries field errors, retry time, details and the cause', () => {
    const cause = new Error('socket hang up');
    const error = new AppError('RATE_LIMITED', 'Slow down.', { retryAfterSeconds: 3, fieldErrors: { a: ['b'] }, details: { runId: 'r' }, cause });
    expect(error).toMatchObject({ retryAfterSeconds: 3, fieldErrors: { a: ['b'] }, details: { runId: 'r' }, cause });
    expect(isAppError(error, 'RATE_LIMITED')).toBe(true);
    expect(isAppError(error, 'NOT_FOUND')).toBe(false);
  });

  it('hides what is not an AppError behind the generic message, in actions and in responses', async () => {
    const internal = new Error('relation "x" does not exist');
    expect(toAppError(internal)).toMatchObject({ code: 'INTERNAL', status: 500, cause: internal });
    expect(toActionError(internal)).toEqual({ ok: false, code: 'INTERNAL', message: ERRORS.INTERNAL.message });
    const response = errorResponse(internal, 'test failure');
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain('relation');
  });

  it('answers route handlers with the status, the message, Retry-After and the Bearer challenge', async () => {
    const limited = errorResponse(new AppError('RATE_LIMITED', 'Retry after 2 s.', { retryAfterSeconds: 1.2 }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toEqual({ error: 'Retry after 2 s.', code: 'RATE_LIMITED' });
    const key = errorResponse(new AppError('INVALID_API_KEY'));
    expect(key.headers.get('www-authenticate')).toBe('Bearer');
    const invalid = errorResponse(new AppError('VALIDATION', 'Fix it.', { fieldErrors: { name: ['Enter a name.'] } }));
    expect(await invalid.json()).toEqual({ error: 'Fix it.', code: 'VALIDATION', fieldErrors: { name: ['Enter a name.'] } });
  });
});
