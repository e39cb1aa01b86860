/**
 * Single-record REST: create, retrieve, update, delete by id, and retrieve/upsert/delete by an external
 * id or id-lookup field (201 created, 200 updated, 300 with the candidates' URLs when several match).
 */
import { normalizeId } from '../ids';
import { deleteRecord, findByKey, insertRecord, type SaveResult, updateRecord, upsertRecord } from '../model/dml';
import type { SObjectStore } from '../model/sobject';
import { type DmlError, ValueTypeError } from '../model/values';
import { readJson, sendEmpty, sendJson, SfHttpError } from '../http/respond';
import { renderRecord } from '../soql/cursor';
import { afterSave } from '../tooling';
import { type RestContext, writeContext } from './context';

/** Maps a ValueTypeError to the 400 Salesforce gives while reading the JSON body. */
export function jsonTypeError(e: unknown): never {
  if (e instanceof ValueTypeError) {
    throw new SfHttpError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${e.expected} from VALUE_STRING value ${e.raw} or request may be missing a required field`);
  }
  throw e;
}

/** Reads a JSON object body or answers 400. */
export async function readRecordBody(ctx: RestContext): Promise<Record<string, unknown>> {
  const body = await readJson(ctx.req);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new SfHttpError(400, 'JSON_PARSER_ERROR', 'Expected a JSON object as the request body');
  return body as Record<string, unknown>;
}

function errorsBody(errors: DmlError[]): Array<Record<string, unknown>> {
  return errors.map((e) => ({ message: e.message, errorCode: e.statusCode, fields: e.fields }));
}

function failSingle(ctx: RestContext, r: SaveResult): void {
  const code = r.errors[0]?.statusCode;
  if (code === 'INVALID_CROSS_REFERENCE_KEY' && r.errors[0].fields.includes('Id')) {
    return sendJson(ctx.res, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  }
  const status = code === 'ENTITY_IS_DELETED' || code === 'NOT_FOUND' ? 404 : code === 'INSUFFICIENT_ACCESS_OR_READONLY' ? 403 : 400;
  sendJson(ctx.res, status, errorsBody(r.errors));
}

/** POST /sobjects/{T} */
export async function createOne(ctx: RestContext, store: SObjectStore): Promise<void> {
  const body = await readRecordBody(ctx);
  let r: SaveResult;
  try { r = insertRecord(writeContext(ctx), store, body); } catch (e) { jsonTypeError(e); }
  if (!r.success) return failSingle(ctx, r);
  afterSave(ctx.org, store, r.id!);
  ctx.em.onChange();
  sendJson(ctx.res, 201, { id: r.id, success: true, errors: [] });
}

function selectedFields(ctx: RestContext, store: SObjectStore) {
  const param = ctx.url.searchParams.get('fields');
  if (!param) return store.visibleFields();
  return param.split(',').map((name) => {
    const f = store.field(name.trim());
    if (!f) throw new SfHttpError(400, 'INVALID_FIELD', `No such column '${name.trim()}' on entity '${store.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
    return f;
  });
}

/** GET|PATCH|DELETE /sobjects/{T}/{id} */
export async function recordById(ctx: RestContext, store: SObjectStore, rawId: string): Promise<void> {
  const wc = writeContext(ctx);
  if (ctx.method === 'GET') {
    const id = normalizeId(rawId);
    if (!id) throw new SfHttpError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${rawId}`);
    const rec = store.records.get(id);
    if (!rec || rec.IsDeleted) throw new SfHttpError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return sendJson(ctx.res, 200, renderRecord(store, selectedFields(ctx, store), rec, ctx.version));
  }
  if (ctx.method === 'PATCH') {
    const body = await readRecordBody(ctx);
    let r: SaveResult;
    try { r = updateRecord(wc, store, rawId, body); } catch (e) { jsonTypeError(e); }
    if (!r.success) return failSingle(ctx, r);
    afterSave(ctx.org, store, r.id!);
    ctx.em.onChange();
    return sendEmpty(ctx.res, 204);
  }
  if (ctx.method === 'DELETE') {
    const r = deleteRecord(wc, store, rawId);
    if (!r.success) return failSingle(ctx, r);
    ctx.em.onChange();
    return sendEmpty(ctx.res, 204);
  }
  throw new SfHttpError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${ctx.method}' not allowed. Allowed are GET,PATCH,DELETE`);
}

/** The key field of an upsert path, or the error Salesforce answers for it. */
export function keyField(store: SObjectStore, name: string) {
  const f = store.field(name);
  if (!f) throw new SfHttpError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${name}`);
  if (f.type !== 'id' && !store.isIndexed(f)) {
    throw new SfHttpError(400, 'INVALID_FIELD', `Field ${f.name} is not an external id or indexed field for ${store.name}`);
  }
  return f;
}

/** GET|PATCH|DELETE /sobjects/{T}/{field}/{value} */
export async function recordByKey(ctx: RestContext, store: SObjectStore, fieldName: string, rawValue: string): Promise<void> {
  const f = keyField(store, fieldName);
  const value = decodeURIComponent(rawValue);
  const urlOf = (id: string) => `/services/data/v${ctx.version}/sobjects/${store.name}/${id}`;
  if (ctx.method === 'PATCH') {
    const body = await readRecordBody(ctx);
    let r;
    try { r = upsertRecord(writeContext(ctx), store, f, value, body); } catch (e) { jsonTypeError(e); }
    if ('multiple' in r) return sendJson(ctx.res, 300, r.multiple.map(urlOf));
    if (!r.success) return failSingle(ctx, r);
    afterSave(ctx.org, store, r.id!);
    ctx.em.onChange();
    return sendJson(ctx.res, r.created ? 201 : 200, { id: r.id, success: true, errors: [], created: Boolean(r.created) });
  }
  const matches = findByKey(store, f, value);
  if (matches.length === 0) throw new SfHttpError(404, 'NOT_FOUND', 'The requested resource does not exist');
  if (matches.length > 1) return sendJson(ctx.res, 300, matches.map(urlOf));
  if (ctx.method === 'GET') return sendJson(ctx.res, 200, renderRecord(store, selectedFields(ctx, store), store.records.get(matches[0])!, ctx.version));
  if (ctx.method === 'DELETE') {
    deleteRecord(writeContext(ctx), store, matches[0]);
    ctx.em.onChange();
    return sendEmpty(ctx.res, 204);
  }
  throw new SfHttpError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${ctx.method}' not allowed. Allowed are GET,PATCH,DELETE`);
}
