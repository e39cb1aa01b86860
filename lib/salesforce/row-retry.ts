/**
 * Rows Salesforce refused only because another process held their lock (per-row UNABLE_TO_LOCK_ROW) are sent
 * again, alone, with the same backoff as whole calls; rows that fail for any other reason are final.
 */
import { AbortError } from 'p-retry';
import type { RecordUpdate, WriteResult } from './client';
import { SalesforceApiError } from './errors';
import { withRetry, type RetryPolicy } from './retry';

const LOCKED = 'UNABLE_TO_LOCK_ROW';

/** Sends `records` with `send` (results in input order) and resends locked rows; results in input order. */
export async function retryLockedRows(
  records: RecordUpdate[], policy: RetryPolicy, send: (batch: RecordUpdate[]) => Promise<WriteResult[]>,
): Promise<WriteResult[]> {
  const results: WriteResult[] = new Array(records.length);
  let pending = records.map((_, i) => i);
  const stillLocked = new SalesforceApiError({ sfErrorCode: LOCKED, httpStatus: 200, sfMessage: 'rows still locked' });
  try {
    await withRetry(async () => {
      // A failed call was already retried inside `send`; only locked rows are retried here.
      const answer = await send(pending.map((i) => records[i])).catch((error: unknown) => {
        throw new AbortError(error instanceof Error ? error : new Error(String(error)));
      });
      const next: number[] = [];
      answer.forEach((result, k) => {
        results[pending[k]] = result;
        if (!result.success && result.errors.some((e) => e.code === LOCKED)) next.push(pending[k]);
      });
      pending = next;
      if (pending.length) throw stillLocked;
    }, policy);
  } catch (error) {
    if (error !== stillLocked) throw error;
  }
  return results;
}
