import { AppError } from '@/lib/errors';
import { ApiLimitExceededError, ReconnectNeededError } from '@/lib/salesforce/errors';
import { RunStop } from './run-stop';

/** How a run ends after an error: its code and message, and whether another attempt may succeed. */
export interface RunFailure {
  code: string;
  message: string;
  /** True for errors worth another attempt (network, Salesforce unavailable, a bug-free retry after a crash). */
  retry: boolean;
}

const GENERIC = 'The run failed because of an error on our side; rows not yet written go with the next run. If it keeps failing, check the server log.';

/**
 * Sorts an error into a final stop the user must act on (mapping, reconnect, API allowance, a Salesforce
 * refusal with its explanation) or a transient failure worth another attempt.
 */
export function classifyRunError(error: unknown): RunFailure {
  if (error instanceof RunStop) return { code: error.code, message: error.message, retry: false };
  const e = error as { name?: string; code?: string; sfErrorCode?: string; message?: string } | null;
  if (error instanceof ApiLimitExceededError || e?.sfErrorCode === 'REQUEST_LIMIT_EXCEEDED') {
    return {
      code: 'REQUEST_LIMIT_EXCEEDED',
      message: error instanceof AppError ? error.message
        : 'The Salesforce org\'s daily API allowance is used up, so the run stopped; rows not yet written go with the next run. Try again after a few hours, or ask your Salesforce admin to raise the limit.',
      retry: false,
    };
  }
  if (error instanceof ReconnectNeededError || (error instanceof AppError && error.code === 'CONFLICT' && /reconnect/i.test(error.message))) {
    return { code: 'RECONNECT_NEEDED', message: (error as Error).message, retry: false };
  }
  if (error instanceof AppError) {
    if (error.code === 'UNAVAILABLE' || error.code === 'RATE_LIMITED') return { code: e?.sfErrorCode ?? error.code, message: error.message, retry: true };
    if (error.code === 'NOT_FOUND') return { code: 'NOT_FOUND', message: error.message, retry: false };
    return { code: e?.sfErrorCode ?? 'SALESFORCE_ERROR', message: error.message, retry: false };
  }
  return { code: 'INTERNAL', message: GENERIC, retry: true };
}
