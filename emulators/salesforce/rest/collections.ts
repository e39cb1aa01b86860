/**
 * sObject Collections (`/composite/sobjects`): create, update, upsert, delete and retrieve up to 200
 * records in one call. Answers are in input order with `{id, success, errors:[{statusCode,...}]}`; with
 * allOrNone every change is undone when one row fails and the other rows report
 * ALL_OR_NONE_OPERATION_ROLLED_BACK. Injected UNABLE_TO_LOCK_ROW faults fail single rows.
 */
import { normalizeId } from '../ids';
import { deleteRecord, insertRecord, rollback, type SaveResult, type UndoLog, updateRecord, upsertRecord, type WriteContext } from '../model/dml';
import type { SObjectStore } from '../model/sobject';
import { readJson, sendJson, SfHttpError } from '../http/respond';
import { renderRecord } from '../soql/cursor';
import { afterSave } from '../tooling';
import { type RestContext, writeContext } from './context';
import { jsonTypeError, keyField } from './sobjects';

const MAX_RECORDS = 200;
const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [] as string[],
};

interface CollectionBody { allOrNone: boolean; records: Array<Record<string, unknown>> }

async function readCollection(ctx: RestContext): Promise<CollectionBody> {
  const body = await readJson(ctx.req) as { allOrNone?: unknown; records?: unknown } | null;
  if (!body || !Array.isArray(body.records)) throw new SfHttpError(400, 'JSON_PARSER_ERROR', 'Expected {allOrNone, records:[...]} as the request body');
  if (body.records.some((r) => !r || typeof r !== 'object' || Array.isArray(r))) {
    throw new SfHttpError(400, 'JSON_PARSER_ERROR', 'Each element of records must be a JSON object');
  }
  if (body.records.length > MAX_RECORDS) {
    throw new SfHttpError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`);
  }
  return { allOrNone: body.allOrNone === true, records: body.records as Array<Record<string, unknown>> };
}

function typeOf(ctx: RestContext, rec: Record<string, unknown>, fallback?: SObjectStore): SObjectStore | SaveResult {
  const attrs = rec.attributes as { type?: unknown } | undefined;
  const name = typeof attrs?.type === 'string' ? attrs.type : fallback?.name;
  const store = name ? ctx.org.object(name) : undefined;
  if (!store) {
    return { id: null, success: false, errors: [{ statusCode: 'INVALID_TYPE', message: name ? `sObject type '${name}' is not supported.` : 'Must specify a type in attributes', fields: [] }] };
  }
  return store;
}

/** Runs one row function per record with lock faults, allOrNone rollback, and the after-save hook. */
function runRows(ctx: RestContext, allOrNone: boolean, count: number, row: (wc: WriteContext, i: number) => { store: SObjectStore | null; result: SaveResult }): SaveResult[] {
  const undo: UndoLog = [];
  const wc: WriteContext = { ...writeContext(ctx), undo };
  const out: SaveResult[] = [];
  const path = ctx.url.pathname;
  const checkLocks = ctx.em.faults.hasRowFaults();
  const saved: Array<{ store: SObjectStore; id: string }> = [];
  for (let i = 0; i < count; i++) {
    if (checkLocks && ctx.em.faults.fires('lockRow', ctx.method, path)) {
      out.push({ id: null, success: false, errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record or 1 records: 0', fields: [] }] });
      continue;
    }
    let r: { store: SObjectStore | null; result: SaveResult };
    try { r = row(wc, i); } catch (e) { rollback(undo); jsonTypeError(e); }
    out.push(r.result);
    if (r.result.success && r.store) saved.push({ store: r.store, id: r.result.id! });
  }
  if (allOrNone && out.some((r) => !r.success)) {
    rollback(undo);
    return out.map((r) => (r.success ? { id: null, success: false, errors: [ROLLED_BACK] } : r));
  }
  for (const s of saved) afterSave(ctx.org, s.store, s.id);
  if (saved.length) ctx.em.onChange();
  return out;
}

function shape(r: SaveResult, withCreated: boolean): Record<string, unknown> {
  const base: Record<string, unknown> = r.id ? { id: r.id, success: r.success } : { success: r.success };
  base.errors = r.errors;
  // Salesforce puts `created` on every upsert row, false for rows that failed.
  if (withCreated) base.created = r.success && Boolean(r.created);
  return base;
}

/** POST|PATCH|DELETE /composite/sobjects */
export async function collections(ctx: RestContext): Promise<void> {
  if (ctx.method === 'DELETE') {
    const ids = (ctx.url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
    if (ids.length > MAX_RECORDS) throw new SfHttpError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`);
    const allOrNone = ctx.url.searchParams.get('allOrNone') === 'true';
    const results = runRows(ctx, allOrNone, ids.length, (wc, i) => {
      const id = normalizeId(ids[i]);
      const store = id ? ctx.org.objectByPrefix(id.slice(0, 3)) : undefined;
      if (!store) return { store: null, result: { id: null, success: false, errors: [{ statusCode: 'MALFORMED_ID', message: `malformed id ${ids[i]}`, fields: [] }] } };
      return { store: null, result: deleteRecord(wc, store, ids[i]) };
    });
    return sendJson(ctx.res, 200, results.map((r) => shape(r, false)));
  }
  const body = await readCollection(ctx);
  const creating = ctx.method === 'POST';
  if (!creating && ctx.method !== 'PATCH') throw new SfHttpError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${ctx.method}' not allowed. Allowed are POST,PATCH,DELETE`);
  const results = runRows(ctx, body.allOrNone, body.records.length, (wc, i) => {
    const rec = body.records[i];
    const store = typeOf(ctx, rec);
    if (!('keyPrefix' in store)) return { store: null, result: store };
    if (creating) {
      if (rec.id !== undefined || rec.Id !== undefined) {
        return { store, result: { id: null, success: false, errors: [{ statusCode: 'INVALID_FIELD', message: 'cannot specify Id in an insert call', fields: ['Id'] }] } };
      }
      return { store, result: insertRecord(wc, store, rec) };
    }
    const id = (rec.id ?? rec.Id) as unknown;
    if (typeof id !== 'string') return { store, result: { id: null, success: false, errors: [{ statusCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: [] }] } };
    return { store, result: updateRecord(wc, store, id, rec) };
  });
  sendJson(ctx.res, 200, results.map((r) => shape(r, false)));
}

/** PATCH /composite/sobjects/{T}/{extField} */
export async function upsertCollection(ctx: RestContext, store: SObjectStore, fieldName: string): Promise<void> {
  const key = keyField(store, fieldName);
  const body = await readCollection(ctx);
  const results = runRows(ctx, body.allOrNone, body.records.length, (wc, i) => {
    const rec = body.records[i];
    const target = typeOf(ctx, rec, store);
    if (!('keyPrefix' in target)) return { store: null, result: target };
    const value = rec[key.name];
    if (value === undefined || value === null) {
      return { store, result: { id: null, success: false, errors: [{ statusCode: 'MISSING_ARGUMENT', message: `${key.name} not specified`, fields: [] }] } };
    }
    const r = upsertRecord(wc, target, key, value, rec);
    if ('multiple' in r) {
      return { store, result: { id: null, success: false, errors: [{ statusCode: 'DUPLICATE_EXTERNAL_ID', message: `${key.name}: more than one record found for external id field: [${r.multiple.join(', ')}]`, fields: [key.name] }] } };
    }
    return { store: target, result: r };
  });
  sendJson(ctx.res, 200, results.map((r) => shape(r, true)));
}

/** POST /composite/sobjects/{T} with {ids, fields}: records in id order, null for missing ones. */
export async function retrieveCollection(ctx: RestContext, store: SObjectStore): Promise<void> {
  const body = await readJson(ctx.req) as { ids?: unknown; fields?: unknown } | null;
  const ids = Array.isArray(body?.ids) ? body.ids.map(String) : [];
  const names = Array.isArray(body?.fields) ? body.fields.map(String) : [];
  if (ids.length > 2000) throw new SfHttpError(400, 'EXCEEDED_ID_LIMIT', 'ids: too many ids requested (max 2000)');
  const fields = names.map((n) => {
    const f = store.field(n);
    if (!f) throw new SfHttpError(400, 'INVALID_FIELD', `No such column '${n}' on entity '${store.name}'.`);
    return f;
  });
  sendJson(ctx.res, 200, ids.map((raw) => {
    const id = normalizeId(raw);
    const rec = id ? store.records.get(id) : undefined;
    return rec && !rec.IsDeleted ? renderRecord(store, fields, rec, ctx.version) : null;
  }));
}
