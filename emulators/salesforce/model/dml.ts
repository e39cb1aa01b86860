/**
 * Inserts, updates, upserts and deletes with Salesforce's rules: field access, types, lengths,
 * restricted picklists, required fields, uniqueness, converted Leads, deleted records. Each write is
 * recorded in an undo log so a caller can roll a whole batch back (allOrNone).
 */
import { normalizeId } from '../ids';
import type { FieldDef } from './fields';
import { applyFormulas, type Org, READ_ONLY_OBJECTS } from './org';
import type { SObjectStore } from './sobject';
import { checkValue, coerceValue, type DmlError, formatDatetime, roundToScale, type SfRecord, type Value } from './values';

/** Who writes, when, and where to log undo entries. `fromText` marks Bulk CSV input. */
export interface WriteContext {
  org: Org;
  userId: string;
  now: number;
  fromText: boolean;
  undo?: UndoLog;
}

/** Outcome of one row. */
export interface SaveResult {
  id: string | null;
  success: boolean;
  errors: DmlError[];
  created?: boolean;
}

/** Previous versions of the records a batch touched, newest last. */
export type UndoLog = Array<{ store: SObjectStore; id: string; prev: SfRecord | undefined }>;

/** Restores every record in the log to its state before the batch. */
export function rollback(log: UndoLog): void {
  for (let i = log.length - 1; i >= 0; i--) {
    const { store, id, prev } = log[i];
    if (prev) store.put(id, prev);
    else store.remove(id);
  }
  log.length = 0;
}

const fail = (statusCode: string, message: string, fields: string[] = []): SaveResult =>
  ({ id: null, success: false, errors: [{ statusCode, message, fields }] });

/** Resolves an id for `store`: null result means malformed or of another object. */
export function checkId(store: SObjectStore, raw: string): { id: string } | { error: SaveResult } {
  const id = normalizeId(raw);
  if (!id) return { error: fail('MALFORMED_ID', `malformed id ${raw}`, ['Id']) };
  if (!id.startsWith(store.keyPrefix)) return { error: fail('MALFORMED_ID', `${store.label} ID: id value of incorrect type: ${raw}`, ['Id']) };
  return { id };
}

/** Applies client values onto `target`, returning the first problem. */
function applyInput(ctx: WriteContext, store: SObjectStore, target: SfRecord, input: Record<string, unknown>, creating: boolean): DmlError | null {
  const locked: string[] = [];
  for (const [key, raw] of Object.entries(input)) {
    if (key === 'attributes' || raw === undefined) continue;
    const f = store.field(key);
    if (!f) return { statusCode: 'INVALID_FIELD', message: `No such column '${key}' on sobject of type ${store.name}`, fields: [] };
    if (f.type === 'id') continue;
    if (creating ? !f.createable : !f.updateable) { locked.push(f.name); continue; }
    let value = coerceValue(f, raw, ctx.fromText);
    if (typeof value === 'number') value = roundToScale(f, value);
    const problem = checkValue(f, value) ?? checkReference(ctx.org, f, value);
    if (problem) return problem;
    target[f.name] = f.type === 'reference' && value !== null ? normalizeId(String(value)) : value;
  }
  if (locked.length) {
    return {
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      message: `Unable to ${creating ? 'create' : 'create/update'} fields: ${locked.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      fields: locked,
    };
  }
  return null;
}

function checkReference(org: Org, f: FieldDef, value: Value): DmlError | null {
  if (f.type !== 'reference' || value === null) return null;
  const id = normalizeId(String(value))!;
  const target = org.objectByPrefix(id.slice(0, 3));
  const exists = target && f.referenceTo.includes(target.name) && target.records.get(id)?.IsDeleted === false;
  return exists ? null : { statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: `invalid cross reference id`, fields: [f.name] };
}

/** Checks required and unique fields on the finished record. */
function checkComplete(store: SObjectStore, rec: SfRecord, id: string, base?: SfRecord): DmlError | null {
  // With `base`, `rec` holds only the changes and unchanged values are read from `base`.
  const get = (name: string): Value | undefined => (base && !(name in rec) ? base[name] : rec[name]);
  let missing: string[] | null = null;
  for (const f of store.requiredFields()) {
    if (f.createable && get(f.name) == null) (missing ??= []).push(f.name);
  }
  if (missing) {
    return { statusCode: 'REQUIRED_FIELD_MISSING', message: `Required fields are missing: [${missing.join(', ')}]`, fields: missing };
  }
  for (const f of store.uniqueFields()) {
    const v = get(f.name);
    if (v == null) continue;
    const other = store.lookup(f, v).find((x) => x !== id && store.records.get(x)?.IsDeleted === false);
    if (other) return { statusCode: 'DUPLICATE_VALUE', message: `duplicate value found: ${f.name} duplicates value on record with id: ${other}`, fields: [f.name] };
  }
  return null;
}

function refuseReadOnly(store: SObjectStore): SaveResult | null {
  return READ_ONLY_OBJECTS.has(store.name.toLowerCase())
    ? fail('INSUFFICIENT_ACCESS_OR_READONLY', `insufficient access rights on object ${store.name}`) : null;
}

/** Inserts one record. */
export function insertRecord(ctx: WriteContext, store: SObjectStore, input: Record<string, unknown>): SaveResult {
  const refused = refuseReadOnly(store);
  if (refused) return refused;
  const stamp = formatDatetime(ctx.now);
  const rec: SfRecord = {};
  for (const f of store.fields) {
    if (f.type === 'boolean') rec[f.name] = typeof f.defaultValue === 'boolean' ? f.defaultValue : false;
    else if (f.defaultValue !== null) rec[f.name] = f.defaultValue;
    else if (f.type === 'picklist' && f.picklist.some((p) => p.default)) rec[f.name] = f.picklist.find((p) => p.default)!.value;
    else rec[f.name] = null;
  }
  const problem = applyInput(ctx, store, rec, input, true);
  if (problem) return { id: null, success: false, errors: [problem] };
  if (store.field('OwnerId') && rec.OwnerId === null) rec.OwnerId = ctx.userId;
  const id = store.nextId();
  const done = checkComplete(store, rec, id);
  if (done) return { id: null, success: false, errors: [done] };
  for (const f of store.fields) if (f.autoNumber) rec[f.name] = store.nextAutoNumber(f);
  Object.assign(rec, { Id: id, IsDeleted: false, CreatedDate: stamp, CreatedById: ctx.userId, LastModifiedDate: stamp, LastModifiedById: ctx.userId, SystemModstamp: stamp });
  applyFormulas(store, rec);
  ctx.undo?.push({ store, id, prev: undefined });
  store.put(id, rec);
  return { id, success: true, errors: [], created: true };
}

/** The existing, not deleted record an update or delete targets, or the error Salesforce answers. */
function liveRecord(store: SObjectStore, rawId: string, idFields: string[]): { id: string; prev: SfRecord } | { error: SaveResult } {
  const refused = refuseReadOnly(store);
  if (refused) return { error: refused };
  const checked = checkId(store, rawId);
  if ('error' in checked) return { error: checked.error };
  const { id } = checked;
  const prev = store.records.get(id);
  if (!prev) return { error: fail('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', idFields) };
  if (prev.IsDeleted) return { error: { ...fail('ENTITY_IS_DELETED', 'entity is deleted', []), id } };
  return { id, prev };
}

/** Updates one record by id (15 or 18 chars). */
export function updateRecord(ctx: WriteContext, store: SObjectStore, rawId: string, input: Record<string, unknown>): SaveResult {
  const found = liveRecord(store, rawId, ['Id']);
  if ('error' in found) return found.error;
  const { id, prev } = found;
  if (store.name === 'Lead' && prev.IsConverted === true) {
    return { ...fail('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead', []), id };
  }
  const changes: SfRecord = {};
  // Id (or jsforce's lowercase id) in the body resolves to the id field, which applyInput skips.
  const problem = applyInput(ctx, store, changes, input, false);
  if (problem) return { id, success: false, errors: [problem] };
  const done = checkComplete(store, changes, id, prev);
  if (done) return { id, success: false, errors: [done] };
  const stamp = formatDatetime(ctx.now);
  changes.LastModifiedDate = stamp;
  changes.LastModifiedById = ctx.userId;
  changes.SystemModstamp = stamp;
  if (ctx.undo) {
    // Keep the old object intact for rollback.
    const next = { ...prev, ...changes };
    applyFormulas(store, next);
    ctx.undo.push({ store, id, prev });
    store.put(id, next);
  } else {
    // In place: a million-row Bulk update then makes no garbage records.
    store.patch(id, prev, changes);
    applyFormulas(store, prev);
  }
  return { id, success: true, errors: [], created: false };
}

/** Moves one record to the recycle bin (IsDeleted, still visible to queryAll). */
export function deleteRecord(ctx: WriteContext, store: SObjectStore, rawId: string): SaveResult {
  const found = liveRecord(store, rawId, []);
  if ('error' in found) return found.error;
  const { id, prev } = found;
  ctx.undo?.push({ store, id, prev });
  store.put(id, { ...prev, IsDeleted: true, SystemModstamp: formatDatetime(ctx.now) });
  return { id, success: true, errors: [] };
}

/** Live (not deleted) records whose key field equals `value`. */
export function findByKey(store: SObjectStore, key: FieldDef, value: Value): string[] {
  if (key.type === 'id') {
    const id = value === null ? null : normalizeId(String(value));
    return id && store.records.get(id)?.IsDeleted === false ? [id] : [];
  }
  return store.lookup(key, value).filter((id) => store.records.get(id)?.IsDeleted === false);
}

/** Upsert outcome: a save result, or the several records the key matched (HTTP 300). */
export type UpsertResult = SaveResult | { multiple: string[] };

/** Inserts or updates by an external id / id-lookup field. */
export function upsertRecord(ctx: WriteContext, store: SObjectStore, key: FieldDef, rawValue: unknown, input: Record<string, unknown>): UpsertResult {
  const value = coerceValue(key, rawValue, ctx.fromText);
  const matches = findByKey(store, key, value);
  if (matches.length > 1) return { multiple: matches };
  const { [key.name]: _key, ...rest } = input;
  if (matches.length === 1) return updateRecord(ctx, store, matches[0], rest);
  if (key.type === 'id') return fail('NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${String(rawValue)}`, []);
  return insertRecord(ctx, store, { ...rest, [key.name]: rawValue });
}
