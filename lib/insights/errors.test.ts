import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { asAppError, InsightsError } from './errors';

describe('Insights errors', () => {
  it('carry an HTTP status per code', () => {
    expect(new InsightsError('UNAUTHORIZED', 'x').status).toBe(401);
    expect(new InsightsError('PAYLOAD_TOO_LARGE', 'x').status).toBe(413);
    expect(new InsightsError('RATE_LIMITED', 'x', { retryAfterSeconds: 3 }).retryAfterSeconds).toBe(3);
    expect(new InsightsError('REPORT_NOT_FOUND', 'x').status).toBe(404);
  });

  it('become AppErrors with the same message for pages and actions, leaving other errors alone', () => {
    const mapped = asAppError(new InsightsError('INVALID_TAG', 'tags use lowercase letters'));
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped).toMatchObject({ code: 'VALIDATION', message: 'tags use lowercase letters', status: 400 });
    expect(asAppError(new InsightsError('REPORT_NOT_FOUND', 'gone'))).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    const other = new Error('boom');
    expect(asAppError(other)).toBe(other);
  });
});
