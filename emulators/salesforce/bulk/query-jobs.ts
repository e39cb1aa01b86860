/**
 * Bulk API 2.0 query jobs: created from a SOQL string (checked at once, as Salesforce does), run
 * asynchronously, results served as CSV pages. `Sforce-Locator` names the next page; on the last page it
 * is the literal string `null`, which is what jsforce loops on.
 */
import type { Emulator } from '../emulator';
import type { FieldDef } from '../model/fields';
import type { SfRecord, Value } from '../model/values';
import { formatDatetime } from '../model/values';
import { readJson, sendJson, SfHttpError } from '../http/respond';
import type { RestContext } from '../rest/context';
import { executeQuery } from '../soql/execute';
import { parseSoql, SoqlError } from '../soql/parse';
import { DELIMITERS, quoteCsv } from './csv';
import { jobInfo, type QueryJob } from './jobs';

/** POST /jobs/query */
export async function createQueryJob(ctx: RestContext): Promise<void> {
  const body = await readJson(ctx.req) as { operation?: unknown; query?: unknown; columnDelimiter?: unknown; lineEnding?: unknown } | null;
  const operation = body?.operation ?? 'query';
  if (operation !== 'query' && operation !== 'queryAll') throw new SfHttpError(400, 'INVALIDJOB', `InvalidJob : Invalid operation: ${String(operation)}`);
  if (typeof body?.query !== 'string') throw new SfHttpError(400, 'INVALIDJOB', 'InvalidJob : A query must be provided');
  const soql = body.query;
  let parsed;
  try {
    parsed = parseSoql(soql);
    if (parsed.count) throw new SoqlError('INVALIDJOB', 'InvalidJob : COUNT() is not supported by Bulk API 2.0 query');
    if (parsed.offset !== null) throw new SoqlError('INVALIDJOB', 'InvalidJob : OFFSET is not supported by Bulk API 2.0 query');
    // Binding errors (unknown object or field) surface now, at creation.
    executeQuery(soql, { ...parsed, limit: 0 }, ctx.org, ctx.user, false, ctx.em.now());
  } catch (e) {
    if (e instanceof SoqlError) throw new SfHttpError(400, e.code, e.message);
    throw e;
  }
  const now = ctx.em.now();
  const job: QueryJob = {
    kind: 'query', id: ctx.org.miscId('750'), orgKey: ctx.org.key, object: parsed.object, operation, query: soql,
    createdById: ctx.user.id, createdDate: formatDatetime(now), systemModstamp: formatDatetime(now), state: 'UploadComplete',
    apiVersion: Number(ctx.version), lineEnding: body.lineEnding === 'CRLF' ? 'CRLF' : 'LF',
    columnDelimiter: typeof body.columnDelimiter === 'string' && DELIMITERS[body.columnDelimiter] ? body.columnDelimiter : 'COMMA',
    errorMessage: null, numberRecordsProcessed: 0, startedAt: 0, finishedAt: 0, store: null, fields: [], rows: [],
  };
  ctx.em.bulk.query.set(job.id, job);
  const user = ctx.user;
  const org = ctx.org;
  setTimeout(() => {
    if (job.state !== 'UploadComplete') return;
    job.state = 'InProgress';
    job.startedAt = ctx.em.now();
    const result = executeQuery(soql, parsed, org, user, operation === 'queryAll', job.startedAt);
    job.store = result.store;
    job.fields = result.fields;
    job.rows = result.rows;
    job.numberRecordsProcessed = result.rows.length;
    job.finishedAt = ctx.em.now();
    job.systemModstamp = formatDatetime(job.finishedAt);
    job.state = 'JobComplete';
  }, ctx.em.settings.bulkStartDelayMs);
  sendJson(ctx.res, 200, jobInfo(job, true));
}

function csvValue(f: FieldDef, v: Value | undefined): string {
  if (v === null || v === undefined) return '';
  if (f.type === 'datetime' && typeof v === 'string') return quoteCsv(v.replace('+0000', 'Z'));
  return quoteCsv(String(v));
}

/** GET /jobs/query/{id}/results?locator&maxRecords */
export function queryResults(em: Emulator, ctx: RestContext, job: QueryJob): void {
  if (job.state !== 'JobComplete') throw new SfHttpError(400, 'INVALIDJOBSTATE', `Job is not complete: ${job.state}`);
  const locator = ctx.url.searchParams.get('locator');
  let start = 0;
  if (locator) {
    start = Number(Buffer.from(locator, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0 || start > job.rows.length) throw new SfHttpError(400, 'INVALID_LOCATOR', 'Invalid locator');
  }
  // maxRecords is an upper bound, as in Salesforce ("still subject to the size limits"): a page is never larger than the emulator's own page size.
  const max = Number(ctx.url.searchParams.get('maxRecords') ?? em.settings.bulkQueryPageSize);
  const end = Math.min(job.rows.length, start + Math.min(em.settings.bulkQueryPageSize, Number.isInteger(max) && max > 0 ? max : em.settings.bulkQueryPageSize));
  const d = DELIMITERS[job.columnDelimiter] ?? ',';
  const eol = job.lineEnding === 'CRLF' ? '\r\n' : '\n';
  const parts: string[] = [job.fields.map((f) => quoteCsv(f.name)).join(d) + eol];
  for (let i = start; i < end; i++) {
    const rec: SfRecord = job.rows[i];
    parts.push(job.fields.map((f) => csvValue(f, rec[f.name])).join(d) + eol);
  }
  const body = parts.join('');
  const next = end < job.rows.length ? Buffer.from(String(end)).toString('base64url') : 'null';
  ctx.res.writeHead(200, {
    'Content-Type': 'text/csv', 'Content-Length': Buffer.byteLength(body), 'Sforce-Locator': next,
    'Sforce-NumberOfRecords': String(end - start),
  });
  ctx.res.end(body);
}
