/**
 * Bulk API 2.0 endpoints under `/jobs`: ingest jobs (create, upload, close/abort, status, the three
 * result files, delete, list) and query jobs (create, status, results, abort, delete).
 */
import type { ServerResponse } from 'node:http';
import { formatDatetime } from '../model/values';
import { readBody, readJson, sendEmpty, sendJson, SfHttpError } from '../http/respond';
import type { RestContext } from '../rest/context';
import { DELIMITERS } from './csv';
import { abortIngest, scheduleIngest } from './ingest';
import { type IngestJob, type IngestOperation, jobInfo, type QueryJob, ROW } from './jobs';
import { createQueryJob, queryResults } from './query-jobs';

const OPERATIONS = new Set(['insert', 'update', 'upsert', 'delete', 'hardDelete']);

function notFound(): never {
  throw new SfHttpError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

async function createIngestJob(ctx: RestContext): Promise<void> {
  const body = await readJson(ctx.req) as Record<string, unknown> | null;
  const object = typeof body?.object === 'string' ? body.object : '';
  const store = ctx.org.object(object);
  if (!store) throw new SfHttpError(400, 'INVALIDJOB', `InvalidJob : Unable to find object: ${object}`);
  const operation = String(body?.operation ?? '');
  if (!OPERATIONS.has(operation)) throw new SfHttpError(400, 'INVALIDJOB', `InvalidJob : Invalid operation: ${operation}`);
  const ext = typeof body?.externalIdFieldName === 'string' ? body.externalIdFieldName : null;
  if (operation === 'upsert') {
    const f = ext ? store.field(ext) : undefined;
    if (!f || (f.type !== 'id' && !store.isIndexed(f))) {
      throw new SfHttpError(400, 'INVALIDJOB', `InvalidJob : External ID was blank or invalid for ${store.name}. An External ID must be specified for upsert.`);
    }
  }
  if (operation === 'hardDelete' && !ctx.user.modifyAllData) throw new SfHttpError(400, 'FEATURENOTENABLED', 'hardDelete requires the Bulk API Hard Delete permission');
  const delimiter = typeof body?.columnDelimiter === 'string' ? body.columnDelimiter : 'COMMA';
  if (!DELIMITERS[delimiter]) throw new SfHttpError(400, 'INVALIDJOB', `InvalidJob : Invalid column delimiter: ${delimiter}`);
  const now = ctx.em.now();
  const job: IngestJob = {
    kind: 'ingest', id: ctx.org.miscId('750'), orgKey: ctx.org.key, object: store.name, operation: operation as IngestOperation,
    externalIdFieldName: operation === 'upsert' ? store.field(ext!)!.name : null, createdById: ctx.user.id,
    createdDate: formatDatetime(now), systemModstamp: formatDatetime(now), state: 'Open', apiVersion: Number(ctx.version),
    lineEnding: body?.lineEnding === 'CRLF' ? 'CRLF' : 'LF', columnDelimiter: delimiter, errorMessage: null,
    numberRecordsProcessed: 0, numberRecordsFailed: 0, startedAt: 0, finishedAt: 0, uploads: [], headerRaw: '', raws: [], ids: [],
    status: [], errors: new Map(),
  };
  ctx.em.bulk.ingest.set(job.id, job);
  sendJson(ctx.res, 200, jobInfo(job, true));
}

async function changeState(ctx: RestContext, job: IngestJob | QueryJob): Promise<void> {
  const body = await readJson(ctx.req) as { state?: unknown } | null;
  const target = body?.state;
  if (target === 'UploadComplete' && job.kind === 'ingest' && job.state === 'Open') {
    job.state = 'UploadComplete';
    scheduleIngest(ctx.em, job);
  } else if (target === 'Aborted' && ['Open', 'UploadComplete', 'InProgress'].includes(job.state)) {
    if (job.kind === 'ingest') abortIngest(job); else job.state = 'Aborted';
  } else {
    throw new SfHttpError(400, 'INVALIDJOBSTATE', `Cannot change the state of a job from ${job.state} to ${String(target)}`);
  }
  job.systemModstamp = formatDatetime(ctx.em.now());
  sendJson(ctx.res, 200, jobInfo(job, true));
}

/** Streams a result file in slices so a million rows do not build one giant string. */
async function streamRows(res: ServerResponse, header: string, count: number, row: (i: number) => string | null): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'text/csv' });
  let buf = header;
  for (let i = 0; i < count; i++) {
    const line = row(i);
    if (line !== null) buf += line;
    if (buf.length > 1 << 20) {
      if (!res.write(buf)) await new Promise((r) => res.once('drain', r));
      buf = '';
    }
  }
  res.end(buf);
}

function csvField(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

async function ingestResults(ctx: RestContext, job: IngestJob, kind: string): Promise<void> {
  if (job.state === 'Open' || job.state === 'UploadComplete' || job.state === 'InProgress') {
    throw new SfHttpError(409, 'INVALIDJOBSTATE', `Results are not available while the job is ${job.state}`);
  }
  const eol = job.lineEnding === 'CRLF' ? '\r\n' : '\n';
  const d = DELIMITERS[job.columnDelimiter] ?? ',';
  const cols = job.headerRaw ? `${d}${job.headerRaw}` : '';
  const n = job.raws.length;
  if (kind === 'successfulResults') {
    return streamRows(ctx.res, `"sf__Id"${d}"sf__Created"${cols}${eol}`, n, (i) => (job.status[i] === ROW.created || job.status[i] === ROW.updated
      ? `"${job.ids[i]}"${d}"${job.status[i] === ROW.created}"${d}${job.raws[i]}${eol}` : null));
  }
  if (kind === 'failedResults') {
    return streamRows(ctx.res, `"sf__Id"${d}"sf__Error"${cols}${eol}`, n, (i) => (job.status[i] === ROW.failed
      ? `"${job.ids[i]}"${d}${csvField(job.errors.get(i) ?? '')}${d}${job.raws[i]}${eol}` : null));
  }
  return streamRows(ctx.res, job.headerRaw ? `${job.headerRaw}${eol}` : '', n, (i) => (job.status[i] === ROW.unprocessed ? `${job.raws[i]}${eol}` : null));
}

async function ingest(ctx: RestContext, rest: string[]): Promise<void> {
  const [id, sub] = rest;
  if (!id) {
    if (ctx.method === 'POST') return createIngestJob(ctx);
    if (ctx.method === 'GET') {
      const records = [...ctx.em.bulk.ingest.values()].filter((j) => j.orgKey === ctx.org.key).map((j) => jobInfo(j, true));
      return sendJson(ctx.res, 200, { done: true, records, nextRecordsUrl: null });
    }
    notFound();
  }
  const job = ctx.em.bulk.ingest.get(id);
  if (!job || job.orgKey !== ctx.org.key) notFound();
  if (!sub) {
    if (ctx.method === 'GET') return sendJson(ctx.res, 200, jobInfo(job));
    if (ctx.method === 'PATCH') return changeState(ctx, job);
    if (ctx.method === 'DELETE') {
      if (job.state === 'UploadComplete' || job.state === 'InProgress') throw new SfHttpError(400, 'INVALIDJOBSTATE', 'Cannot delete a job while it is being processed');
      ctx.em.bulk.ingest.delete(id);
      return sendEmpty(ctx.res, 204);
    }
    notFound();
  }
  if (sub === 'batches' && ctx.method === 'PUT') {
    if (job.state !== 'Open') throw new SfHttpError(409, 'INVALIDJOBSTATE', `Cannot upload data to a job in state ${job.state}`);
    job.uploads.push(await readBody(ctx.req, 150 * 1024 * 1024));
    return sendEmpty(ctx.res, 201);
  }
  if (ctx.method === 'GET' && (sub === 'successfulResults' || sub === 'failedResults' || sub === 'unprocessedrecords')) {
    return ingestResults(ctx, job, sub);
  }
  notFound();
}

async function query(ctx: RestContext, rest: string[]): Promise<void> {
  const [id, sub] = rest;
  if (!id) {
    if (ctx.method === 'POST') return createQueryJob(ctx);
    if (ctx.method === 'GET') {
      const records = [...ctx.em.bulk.query.values()].filter((j) => j.orgKey === ctx.org.key).map((j) => jobInfo(j, true));
      return sendJson(ctx.res, 200, { done: true, records, nextRecordsUrl: null });
    }
    notFound();
  }
  const job = ctx.em.bulk.query.get(id);
  if (!job || job.orgKey !== ctx.org.key) notFound();
  if (!sub) {
    if (ctx.method === 'GET') return sendJson(ctx.res, 200, jobInfo(job));
    if (ctx.method === 'PATCH') return changeState(ctx, job);
    if (ctx.method === 'DELETE') { ctx.em.bulk.query.delete(id); return sendEmpty(ctx.res, 204); }
    notFound();
  }
  if (sub === 'results' && ctx.method === 'GET') return queryResults(ctx.em, ctx, job);
  notFound();
}

/** Handles `/jobs/...`; `rest` is the path after "jobs". */
export async function handleBulk(ctx: RestContext, rest: string[]): Promise<void> {
  if (rest[0] === 'ingest') return ingest(ctx, rest.slice(1));
  if (rest[0] === 'query') return query(ctx, rest.slice(1));
  notFound();
}
