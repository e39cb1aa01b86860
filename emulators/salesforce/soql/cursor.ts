/**
 * Query result pages. A result larger than one page is kept as a cursor whose locator
 * (`01g…-2000`) names the cursor and the next row; jsforce re-bases the last path segment of
 * nextRecordsUrl onto its own instance URL, so only the locator matters.
 */
import type { Emulator } from '../emulator';
import type { FieldDef } from '../model/fields';
import type { Org, OrgKey } from '../model/org';
import type { SObjectStore } from '../model/sobject';
import type { SfRecord } from '../model/values';
import type { QueryResult } from './execute';

/** A result set being paged through. */
export interface QueryCursor {
  id: string;
  orgKey: OrgKey;
  store: SObjectStore;
  fields: FieldDef[];
  rows: SfRecord[];
  pageSize: number;
  scanAll: boolean;
  expiresAt: number;
}

const CURSOR_TTL_MS = 15 * 60_000;

/** One record as REST returns it: attributes first, then the selected fields. */
export function renderRecord(store: SObjectStore, fields: FieldDef[], rec: SfRecord, version: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    attributes: { type: store.name, url: `/services/data/v${version}/sobjects/${store.name}/${rec.Id ?? ''}` },
  };
  for (const f of fields) out[f.name] = rec[f.name] ?? null;
  return out;
}

function page(em: Emulator, cursor: QueryCursor, start: number, version: string): Record<string, unknown> {
  const end = Math.min(cursor.rows.length, start + cursor.pageSize);
  const records = [];
  for (let i = start; i < end; i++) records.push(renderRecord(cursor.store, cursor.fields, cursor.rows[i], version));
  const done = end >= cursor.rows.length;
  if (done) em.cursors.delete(cursor.id);
  return {
    totalSize: cursor.rows.length,
    done,
    ...(done ? {} : { nextRecordsUrl: `/services/data/v${version}/${cursor.scanAll ? 'queryAll' : 'query'}/${cursor.id}-${end}` }),
    records,
  };
}

/** The first page of a result, registering a cursor when more pages follow. */
export function firstPage(em: Emulator, org: Org, result: QueryResult, pageSize: number, scanAll: boolean, version: string): Record<string, unknown> {
  if (result.count) return { totalSize: result.totalSize, done: true, records: [] };
  const cursor: QueryCursor = {
    id: org.miscId('01g'), orgKey: org.key, store: result.store, fields: result.fields, rows: result.rows, pageSize, scanAll,
    expiresAt: em.now() + CURSOR_TTL_MS,
  };
  if (result.rows.length > pageSize) em.cursors.set(cursor.id, cursor);
  return page(em, cursor, 0, version);
}

/** A later page by locator, or null when the locator is unknown or expired (INVALID_QUERY_LOCATOR). */
export function nextPage(em: Emulator, orgKey: OrgKey, locator: string, version: string): Record<string, unknown> | null {
  const m = /^(01g[0-9A-Za-z]{15})-(\d+)$/.exec(locator);
  if (!m) return null;
  const cursor = em.cursors.get(m[1]);
  if (!cursor || cursor.orgKey !== orgKey || cursor.expiresAt < em.now()) return null;
  return page(em, cursor, Number(m[2]), version);
}
