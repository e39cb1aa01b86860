import pRetry from 'p-retry';
import type { RecordUpdate, SalesforceClient, WriteResult } from '@/lib/salesforce/client';

/** Below this many records a run writes through sObject Collections; from here on, Bulk API 2.0 jobs. */
export const BULK_THRESHOLD = 2_000;
/** sObject Collections take at most 200 records a call. */
export const COLLECTION_SIZE = 200;
/** Records per Bulk API 2.0 job: bounded, so memory stays flat however large the run. */
export const BULK_JOB_RECORDS = 20_000;

/** How a write step retries rows Salesforce could not lock (another process was changing them). */
export interface LockRetryPolicy {
  retries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
}

export const DEFAULT_LOCK_RETRY: LockRetryPolicy = { retries: 3, minTimeoutMs: 250, maxTimeoutMs: 4_000 };

const isLocked = (r: WriteResult) => !r.success && r.errors.some((e) => e.code === 'UNABLE_TO_LOCK_ROW');

async function writeOnce(client: SalesforceClient, objectName: string, records: RecordUpdate[], mode: 'collections' | 'bulk'): Promise<Map<string, WriteResult>> {
  const results = new Map<string, WriteResult>();
  if (records.length === 0) return results;
  if (mode === 'bulk') {
    const answer = await client.bulkUpdate(objectName, records);
    for (const r of answer) results.set(r.id, r);
  } else {
    for (let i = 0; i < records.length; i += COLLECTION_SIZE) {
      const chunk = records.slice(i, i + COLLECTION_SIZE);
      const answer = await client.updateCollection(objectName, chunk);
      // Collections answer in input order; a failed row may carry no id, so the input supplies it.
      chunk.forEach((record, j) => results.set(record.Id, { ...answer[j], id: record.Id }));
    }
  }
  // A record the answer does not mention was not written (a Bulk job's unprocessed rows).
  for (const record of records) {
    if (!results.has(record.Id)) results.set(record.Id, { id: record.Id, success: false, errors: [{ code: 'UNPROCESSED', message: 'Salesforce did not process this record.', fields: [] }] });
  }
  return results;
}

class RowsStillLocked extends Error {}

/**
 * Writes one batch of record updates (Collections of 200, or one Bulk job) and returns each record's result.
 * Rows refused with UNABLE_TO_LOCK_ROW are sent again, alone, with capped and jittered backoff a bounded
 * number of times; rows still locked after that keep that error. Call-level retries (429, 503, network) and
 * the fatal stops (REQUEST_LIMIT_EXCEEDED, refused token refresh) are the client's: they arrive as thrown
 * errors.
 */
export async function pushBatch(client: SalesforceClient, objectName: string, records: RecordUpdate[], mode: 'collections' | 'bulk', policy: LockRetryPolicy = DEFAULT_LOCK_RETRY): Promise<Map<string, WriteResult>> {
  const results = await writeOnce(client, objectName, records, mode);
  const byId = new Map(records.map((r) => [r.Id, r]));
  let locked = records.filter((r) => isLocked(results.get(r.Id)!));
  if (locked.length === 0) return results;
  try {
    await pRetry(async () => {
      const retried = await writeOnce(client, objectName, locked.map((r) => byId.get(r.Id)!), locked.length >= BULK_THRESHOLD ? mode : 'collections');
      for (const [id, result] of retried) results.set(id, result);
      locked = locked.filter((r) => isLocked(results.get(r.Id)!));
      if (locked.length > 0) throw new RowsStillLocked(`${locked.length} rows still locked`);
    }, {
      retries: policy.retries, minTimeout: policy.minTimeoutMs, maxTimeout: policy.maxTimeoutMs, factor: 2, randomize: true,
      shouldRetry: ({ error }) => error instanceof RowsStillLocked,
    });
  } catch (error) {
    if (!(error instanceof RowsStillLocked)) throw error;
  }
  return results;
}
