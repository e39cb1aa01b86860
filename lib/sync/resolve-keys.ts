import type { SalesforceClient, SalesforceRecord } from '@/lib/salesforce/client';
import { readAhead } from './read-ahead';
import { RecordIndex } from './record-index';
import { buildKeyQueries } from './soql';
import { KEY_SEPARATOR, recordKey, type RunPlan } from './transform';

/** Key lookups per page of pending keys when resolving by SOQL (each page becomes a few `IN` queries). */
export const KEYS_PER_LOOKUP_PAGE = 2_000;

/** The conditions every key lookup adds: converted Leads out, and records whose key fields are empty. */
export function lookupConditions(plan: RunPlan): string | undefined {
  const conditions = plan.keys.map((k) => `${k.field.name} != null`);
  if (plan.excludeConverted) conditions.push('IsConverted = false');
  return conditions.join(' AND ');
}

/** The fields a key lookup selects: Id, the key fields, and any extra (the preview's current values). */
export function lookupFields(plan: RunPlan, extra: string[] = []): string[] {
  return [...new Set(['Id', ...plan.keys.map((k) => k.field.name), ...extra])];
}

/**
 * Looks up records for a set of keys with SOQL `IN` queries sized to Salesforce's limits, and calls
 * `onRecord` for every record whose whole key is one of them (a composite key's `IN` lists can also match
 * other combinations). Used for small sets, and by the preview.
 */
export async function lookupByQuery(client: SalesforceClient, plan: RunPlan, keys: string[], onRecord: (key: string, record: SalesforceRecord) => void, extraFields: string[] = []): Promise<void> {
  if (keys.length === 0) return;
  const wanted = new Set(keys);
  const queries = buildKeyQueries({ objectName: plan.objectName, select: lookupFields(plan, extraFields), keyFields: plan.keys.map((k) => k.field), where: lookupConditions(plan) },
    keys.map((k) => k.split(KEY_SEPARATOR)));
  for (const soql of queries) {
    for await (const page of client.query(soql)) {
      for (const record of page) {
        const key = recordKey(record, plan.keys);
        if (key !== null && wanted.has(key)) onRecord(key, record);
      }
    }
  }
}

/** What key resolution found, for the run log, and the record ids by key for the write step. */
export interface KeyLookup {
  mode: 'query' | 'bulk';
  /** Keys looked up (query mode; bulk mode reads every record). */
  keys: number;
  recordsScanned: number;
  /** The distinct record ids of a key, sorted; empty: no match. */
  recordIdsOf: (key: string) => string[];
}

/**
 * Bulk mode: one Bulk API 2.0 query of the object's key fields, every record held by its key in a compact
 * in-memory index (RecordIndex: about 50 bytes a record) that the write step probes for each chunk. Every
 * attempt looks afresh (a resumed run looks again: records may have changed meanwhile).
 */
export async function lookUpAllRecords(client: SalesforceClient, plan: RunPlan, onPage?: () => Promise<void>): Promise<KeyLookup> {
  const index = new RecordIndex();
  let recordsScanned = 0;
  const soql = `SELECT ${lookupFields(plan).join(', ')} FROM ${plan.objectName} WHERE ${lookupConditions(plan)}`;
  for await (const page of readAhead(client.bulkQuery(soql))) {
    for (const record of page) {
      recordsScanned++;
      const key = recordKey(record, plan.keys);
      if (key !== null) index.add(key, record.Id);
    }
    await onPage?.();
  }
  return { mode: 'bulk', keys: 0, recordsScanned, recordIdsOf: (key) => index.get(key) };
}

/**
 * Query mode (a few thousand keys at most): the keys looked up with SOQL `IN` queries sized to Salesforce's
 * limits; the record ids are held in memory.
 */
export async function lookUpKeys(client: SalesforceClient, plan: RunPlan, keys: string[]): Promise<KeyLookup> {
  const ids = new Map<string, string[]>();
  let recordsScanned = 0;
  for (let i = 0; i < keys.length; i += KEYS_PER_LOOKUP_PAGE) {
    await lookupByQuery(client, plan, keys.slice(i, i + KEYS_PER_LOOKUP_PAGE), (key, record) => {
      recordsScanned++;
      const list = ids.get(key);
      if (!list) ids.set(key, [record.Id]);
      else if (!list.includes(record.Id)) list.push(record.Id);
    });
  }
  return { mode: 'query', keys: keys.length, recordsScanned, recordIdsOf: (key) => [...(ids.get(key) ?? [])].sort() };
}
