import type { Database } from '@/db/client';
import { deleteRunMatches, findRunMatches, insertRunMatches, nextStagedBatches } from '@/db/queries/sync-rows';
import type { SalesforceClient, SalesforceRecord } from '@/lib/salesforce/client';
import { readAhead } from './read-ahead';
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

/** What key resolution reports back, for the run log. */
export interface ResolveSummary {
  mode: 'query' | 'bulk';
  /** Keys looked up (query mode) or records read (bulk mode). */
  keys: number;
  recordsScanned: number;
}

/** Record ids by key, for the rows of one write batch. */
export type RecordIdsOf = (keys: string[]) => Promise<Map<string, string[]>>;

/**
 * Bulk mode: one Bulk API 2.0 query of the object's key fields, every record stored with its key in the
 * run's matches (page by page, so neither the report's keys nor the object's records are ever all in
 * memory); the write step probes them per batch. Starts afresh on every attempt (a resumed run looks again:
 * records may have changed meanwhile).
 */
export async function lookUpAllRecords(db: Database, client: SalesforceClient, plan: RunPlan, runId: string, onPage?: () => Promise<void>): Promise<ResolveSummary & { recordIdsOf: RecordIdsOf }> {
  await deleteRunMatches(db, runId);
  const summary: ResolveSummary = { mode: 'bulk', keys: 0, recordsScanned: 0 };
  const soql = `SELECT ${lookupFields(plan).join(', ')} FROM ${plan.objectName} WHERE ${lookupConditions(plan)}`;
  for await (const page of readAhead(client.bulkQuery(soql))) {
    const matches: Array<{ key: string; recordId: string }> = [];
    for (const record of page) {
      summary.recordsScanned++;
      const key = recordKey(record, plan.keys);
      if (key !== null) matches.push({ key, recordId: record.Id });
    }
    await insertRunMatches(db, runId, matches);
    await onPage?.();
  }
  return { ...summary, recordIdsOf: (keys) => findRunMatches(db, runId, keys) };
}

/**
 * Query mode (fewer rows than the Bulk threshold): the staged keys looked up with SOQL `IN` queries sized to
 * Salesforce's limits; the record ids are held in memory (a few thousand at most).
 */
export async function lookUpStagedKeys(db: Database, client: SalesforceClient, plan: RunPlan, runId: string): Promise<ResolveSummary & { recordIdsOf: RecordIdsOf }> {
  const keys: string[] = [];
  let after = -1;
  for (;;) {
    const batches = await nextStagedBatches(db, runId, after, 50);
    if (batches.length === 0) break;
    for (const b of batches) for (const row of b.rows.slice(b.sent)) keys.push(row.key);
    after = batches[batches.length - 1].seq;
  }
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
  return {
    mode: 'query', keys: keys.length, recordsScanned,
    recordIdsOf: async (wanted) => new Map(wanted.filter((k) => ids.has(k)).map((k) => [k, ids.get(k)!])),
  };
}
