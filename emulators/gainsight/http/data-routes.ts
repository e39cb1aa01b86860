/**
 * Company and Person: insert (`POST /v1/data/objects/{Object}`), update by up to 3 keys
 * (`PUT /v1/data/objects/{Object}?keys=Name`), read (`POST /v1/data/objects/query/{Object}`), and the People
 * upsert keyed on Email (`PUT /v1/peoplemgmt/v1.0/people`). At most 50 records a call.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { GS_OBJECTS, type GainsightStore, type GsObject, type GsRecord, type RecordError } from '../model/store';
import { GainsightHttpError, readJson, sendData } from './respond';

/** Gainsight's limit on records per call. */
export const MAX_RECORDS_PER_CALL = 50;
/** Required field per object. */
const REQUIRED: Record<GsObject, string> = { Company: 'Name', Person: 'Email' };

const recordsBody = z.object({ records: z.array(z.record(z.string(), z.unknown())) });
const queryBody = z.object({
  select: z.array(z.string()).optional(),
  where: z.object({
    conditions: z.array(z.object({ name: z.string(), operator: z.enum(['EQ', 'NE', 'IN']).default('EQ'), value: z.array(z.unknown()) })),
  }).optional(),
  limit: z.number().int().min(1).max(5000).default(100),
  offset: z.number().int().min(0).default(0),
});

function objectOf(name: string): GsObject {
  if (!(GS_OBJECTS as readonly string[]).includes(name)) throw new GainsightHttpError(404, 'GS_OBJECT_NOT_FOUND', `Object ${name} does not exist.`);
  return name as GsObject;
}

async function parseRecords(req: IncomingMessage) {
  const parsed = recordsBody.safeParse(await readJson(req));
  if (!parsed.success) throw new GainsightHttpError(400, 'GS_INVALID_REQUEST', 'Send {"records": [ {...}, ... ]}.');
  if (parsed.data.records.length > MAX_RECORDS_PER_CALL) {
    throw new GainsightHttpError(400, 'GS_RECORD_LIMIT', `At most ${MAX_RECORDS_PER_CALL} records a call; this one had ${parsed.data.records.length}.`);
  }
  return parsed.data.records;
}

function writeAnswer(res: ServerResponse, requestId: string, written: GsRecord[], errors: RecordError[]) {
  sendData(res, requestId, { count: written.length, errors: errors.length ? errors : null, records: written.map((r) => ({ Gsid: r.Gsid })) });
}

async function insert(store: GainsightStore, object: GsObject, req: IncomingMessage, res: ServerResponse, requestId: string) {
  const written: GsRecord[] = [];
  const errors: RecordError[] = [];
  (await parseRecords(req)).forEach((fields, index) => {
    const required = REQUIRED[object];
    if (fields[required] === undefined || fields[required] === null || fields[required] === '') {
      errors.push({ index, errorCode: 'GS_REQUIRED_FIELD_MISSING', errorDesc: `${required} is required.` });
    } else written.push(store.insert(object, fields));
  });
  writeAnswer(res, requestId, written, errors);
}

async function update(store: GainsightStore, object: GsObject, keys: string[], req: IncomingMessage, res: ServerResponse, requestId: string, upsert: boolean) {
  if (keys.length === 0 || keys.length > 3) throw new GainsightHttpError(400, 'GS_INVALID_KEYS', 'Name 1 to 3 key fields in ?keys=.');
  const written: GsRecord[] = [];
  const errors: RecordError[] = [];
  (await parseRecords(req)).forEach((fields, index) => {
    const missing = keys.find((k) => fields[k] === undefined);
    if (missing) { errors.push({ index, errorCode: 'GS_KEY_MISSING', errorDesc: `Key field ${missing} is missing from the record.` }); return; }
    const found = store.find(object, keys, fields);
    if (found.length === 0) {
      if (upsert) written.push(store.insert(object, fields));
      else errors.push({ index, errorCode: 'GS_RECORD_NOT_FOUND', errorDesc: `No ${object} matches ${keys.map((k) => `${k}=${String(fields[k])}`).join(', ')}.` });
      return;
    }
    for (const record of found) { Object.assign(record, fields, { Gsid: record.Gsid }); written.push(record); }
  });
  writeAnswer(res, requestId, written, errors);
}

async function query(store: GainsightStore, object: GsObject, req: IncomingMessage, res: ServerResponse, requestId: string) {
  const parsed = queryBody.safeParse((await readJson(req)) ?? {});
  if (!parsed.success) throw new GainsightHttpError(400, 'GS_INVALID_REQUEST', 'Send {"select": [...], "where": {"conditions": [...]}, "limit", "offset"}.');
  const { select, where, limit, offset } = parsed.data;
  const matches = (r: GsRecord) => (where?.conditions ?? []).every((c) => {
    const hit = c.value.some((v) => r[c.name] === v);
    return c.operator === 'NE' ? !hit : hit;
  });
  const rows = [...store.objects[object].values()].filter(matches);
  const page = rows.slice(offset, offset + limit).map((r) => (select ? Object.fromEntries(select.map((f) => [f, r[f] ?? null])) : r));
  sendData(res, requestId, { count: rows.length, records: page });
}

/** Routes a data request; false when the path is not a data route. */
export async function handleData(store: GainsightStore, req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<boolean> {
  const method = req.method ?? 'GET';
  if (url.pathname === '/v1/peoplemgmt/v1.0/people' && method === 'PUT') {
    await update(store, 'Person', ['Email'], req, res, requestId, true);
    return true;
  }
  const q = /^\/v1\/data\/objects\/query\/(\w+)$/.exec(url.pathname);
  if (q && method === 'POST') { await query(store, objectOf(q[1]), req, res, requestId); return true; }
  const m = /^\/v1\/data\/objects\/(\w+)$/.exec(url.pathname);
  if (!m) return false;
  const object = objectOf(m[1]);
  if (method === 'POST') { await insert(store, object, req, res, requestId); return true; }
  if (method === 'PUT') {
    const keys = (url.searchParams.get('keys') ?? '').split(',').map((k) => k.trim()).filter(Boolean);
    await update(store, object, keys, req, res, requestId, false);
    return true;
  }
  throw new GainsightHttpError(405, 'GS_METHOD_NOT_ALLOWED', `${method} is not supported on ${url.pathname}.`);
}
