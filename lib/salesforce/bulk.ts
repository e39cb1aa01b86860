/**
 * Bulk API 2.0 through the connection's authenticated requests. Query results are paged here by the
 * Sforce-Locator header, not by jsforce's `bulk2.query()`, which breaks on multi-page results in jsforce 3.10
 * (jsforce #1546). An update is one ingest job: CSV upload, UploadComplete, poll, then the failed results (and
 * the successful and unprocessed ones only when the job's counts leave a record unaccounted for).
 */
import { readBulkCsv, writeBulkCsv } from './bulk-csv';
import type { RecordUpdate, SalesforceRecord, WriteResult } from './client';
import { SalesforceApiError } from './errors';
import type { OrgApi } from './org-api';
import { retryLockedRows } from './row-retry';

/** Bulk timing and paging. */
export interface BulkOptions {
  /** The longest wait between two reads of a job's state (the first comes after 100 ms, then every 250 ms for 5 s, then 1.5× longer each time). */
  pollIntervalMs: number;
  /** How long a job may take before DIC gives up on it. */
  pollTimeoutMs: number;
  /** Rows per query results page (`maxRecords`); undefined lets Salesforce choose. */
  queryPageSize?: number;
}

/**
 * Query pages of 20,000 rows (Salesforce would send larger ones): a page is parsed into records at once,
 * and a run's key lookup holds two pages while it stores them, so the page size bounds its memory.
 */
const DEFAULTS: BulkOptions = { pollIntervalMs: 2_000, pollTimeoutMs: 30 * 60_000, queryPageSize: 20_000 };
const FIRST_POLL_MS = 100;
/** Polls every 250 ms (as jsforce's own Bulk loader does) for the first few seconds, when most jobs of a run finish. */
const STEADY_POLL_MS = 250;
const STEADY_FOR_MS = 5_000;

type JobInfo = { id: string; state: string; errorMessage?: string | null; numberRecordsProcessed?: number; numberRecordsFailed?: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForJob(api: OrgApi, path: string, options: BulkOptions): Promise<JobInfo> {
  const deadline = Date.now() + options.pollTimeoutMs;
  // Small jobs finish in well under a second: poll soon and often (a job done between two polls waits for
  // the next one), then back off so long jobs cost few calls.
  const started = Date.now();
  let wait = Math.min(FIRST_POLL_MS, options.pollIntervalMs);
  for (;;) {
    const job = await api.json<JobInfo>('GET', path);
    if (job.state === 'JobComplete' || job.state === 'Failed' || job.state === 'Aborted') return job;
    if (Date.now() > deadline) {
      throw new SalesforceApiError({ sfErrorCode: 'REQUEST_RUNNING_TOO_LONG', httpStatus: 200, sfMessage: `Bulk job ${job.id} still ${job.state}` },
        `Salesforce has not finished Bulk job ${job.id} after ${Math.round(options.pollTimeoutMs / 60_000)} minutes (it is ${job.state}). Check Setup › Bulk Data Load Jobs, then run again.`);
    }
    await sleep(wait);
    wait = Date.now() - started < STEADY_FOR_MS ? Math.min(STEADY_POLL_MS, options.pollIntervalMs) : Math.min(Math.max(wait, STEADY_POLL_MS) * 1.5, options.pollIntervalMs);
  }
}

function jobFailed(job: JobInfo): SalesforceApiError {
  const reason = job.errorMessage || job.state;
  return new SalesforceApiError({ sfErrorCode: 'BULK_JOB_FAILED', httpStatus: 200, sfMessage: reason },
    `Salesforce's Bulk job ${job.id} failed: ${reason}. Nothing in it was written; check the mapping and run again.`);
}

const readCsv = readBulkCsv;

/** One Bulk API 2.0 query job; yields each results page as it is read. Values are text, as Bulk returns CSV; empty is null. */
export async function* bulkQuery(api: OrgApi, soql: string, tuning: Partial<BulkOptions> = {}): AsyncIterable<SalesforceRecord[]> {
  const options = { ...DEFAULTS, ...tuning };
  const created = await api.json<JobInfo>('POST', '/jobs/query', { operation: 'query', query: soql });
  const job = await waitForJob(api, `/jobs/query/${created.id}`, options);
  if (job.state !== 'JobComplete') throw jobFailed(job);
  let locator: string | undefined;
  for (;;) {
    const params = new URLSearchParams();
    if (options.queryPageSize) params.set('maxRecords', String(options.queryPageSize));
    if (locator) params.set('locator', locator);
    const page = await api.raw('GET', `/jobs/query/${created.id}/results${params.size ? `?${params}` : ''}`);
    // Each parsed row becomes the record in place (empty cells to null): a million-record lookup makes no copies.
    const rows = readCsv(page.body) as Array<Record<string, string | null>>;
    for (const row of rows) for (const k in row) if (row[k] === '') row[k] = null;
    if (rows.length) yield rows as SalesforceRecord[];
    const next = page.headers['sforce-locator'];
    if (!next || next === 'null') return;
    locator = next;
  }
}

function cell(value: RecordUpdate[string] | undefined): string {
  if (value === undefined) return '';
  if (value === null) return '#N/A'; // Bulk API's "set to null"; an empty cell leaves the field unchanged.
  return typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
}

/** `CODE:message:field1,field2 --`, as Bulk's failedResults writes sf__Error. */
export function parseBulkError(text: string): { code: string; message: string; fields: string[] } {
  const trimmed = text.replace(/\s*--\s*$/, '');
  const first = trimmed.indexOf(':');
  if (first < 0) return { code: trimmed || 'UNKNOWN_EXCEPTION', message: trimmed, fields: [] };
  const code = trimmed.slice(0, first);
  let message = trimmed.slice(first + 1);
  let fields: string[] = [];
  const last = message.lastIndexOf(':');
  if (last >= 0 && /^[A-Za-z0-9_.,]*$/.test(message.slice(last + 1))) {
    fields = message.slice(last + 1).split(',').filter(Boolean);
    message = message.slice(0, last);
  }
  return { code, message, fields };
}

async function runUpdateJob(api: OrgApi, objectName: string, records: RecordUpdate[], options: BulkOptions): Promise<WriteResult[]> {
  const names = new Set<string>();
  for (const r of records) for (const k in r) if (k !== 'Id') names.add(k);
  const columns = ['Id', ...names];
  const csv = writeBulkCsv(columns, records.length, (i) => columns.map((c) => cell(records[i][c])));
  const created = await api.json<JobInfo>('POST', '/jobs/ingest', {
    object: objectName, operation: 'update', contentType: 'CSV', lineEnding: 'LF', columnDelimiter: 'COMMA',
  });
  await api.raw('PUT', `/jobs/ingest/${created.id}/batches`, csv, 'text/csv');
  await api.json('PATCH', `/jobs/ingest/${created.id}`, { state: 'UploadComplete' });
  const job = await waitForJob(api, `/jobs/ingest/${created.id}`, options);
  if (job.state !== 'JobComplete' && !job.numberRecordsProcessed) throw jobFailed(job);

  const byId = new Map<string, WriteResult>();
  for (const row of readCsv((await api.raw('GET', `/jobs/ingest/${created.id}/failedResults`)).body)) {
    byId.set(row.Id || row.sf__Id, { id: row.Id || row.sf__Id, success: false, errors: [parseBulkError(row.sf__Error ?? '')] });
  }
  // A complete job that processed every record and failed exactly those listed succeeded for all the others:
  // its successfulResults (a file as long as the upload) are not fetched. Anything less certain reads them.
  const allAccountedFor = job.state === 'JobComplete' && job.numberRecordsProcessed === records.length && job.numberRecordsFailed === byId.size;
  if (allAccountedFor) {
    const ok = (id: string): WriteResult => ({ id, success: true, errors: [] });
    return records.map((r) => byId.get(r.Id) ?? ok(r.Id));
  }
  for (const row of readCsv((await api.raw('GET', `/jobs/ingest/${created.id}/successfulResults`)).body)) {
    const id = row.Id || row.sf__Id;
    if (!byId.has(id)) byId.set(id, { id: row.sf__Id || row.Id, success: true, errors: [] });
  }
  if (job.state !== 'JobComplete') {
    for (const row of readCsv((await api.raw('GET', `/jobs/ingest/${created.id}/unprocessedrecords`)).body)) byId.delete(row.Id);
  }
  return records.map((r) => byId.get(r.Id) ?? {
    id: r.Id, success: false,
    errors: [{ code: 'UNPROCESSED', message: `Salesforce did not process this record (Bulk job ${job.id} ended ${job.state}${job.errorMessage ? `: ${job.errorMessage}` : ''}).`, fields: [] }],
  });
}

/** One Bulk API 2.0 update job (locked rows sent again in a further job); results in input order. */
export function bulkUpdate(api: OrgApi, objectName: string, records: RecordUpdate[], tuning: Partial<BulkOptions> = {}): Promise<WriteResult[]> {
  if (records.length === 0) return Promise.resolve([]);
  const options = { ...DEFAULTS, ...tuning };
  return retryLockedRows(records, api.policy, (batch) => runUpdateJob(api, objectName, batch, options));
}
