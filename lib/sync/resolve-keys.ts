import type { Database } from '@/db/client';
import { deleteRunMatches, insertPendingMatches, pendingKeys } from '@/db/queries/sync-runs';
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

/** What key resolution reports back: API-visible work for the run log. */
export interface ResolveSummary {
  mode: 'query' | 'bulk';
  queries: number;
  recordsScanned: number;
}

/**
 * Resolves every pending key of the run to record ids, into the run's matches table. Small sets go through
 * SOQL `IN` queries, page of keys by page; large sets through one Bulk API 2.0 query of the key fields,
 * whose result pages are filtered against the pending keys by the database as they are stored, one page at a time, so neither
 * the report's keys nor the object's records are ever all in memory. Starts afresh on every attempt
 * (a resumed run redoes the lookup: records may have changed meanwhile).
 */
export async function resolveKeys(db: Database, client: SalesforceClient, plan: RunPlan, runId: string, mode: 'query' | 'bulk', onPage?: () => Promise<void>): Promise<ResolveSummary> {
  await deleteRunMatches(db, runId);
  const summary: ResolveSummary = { mode, queries: 0, recordsScanned: 0 };
  if (mode === 'query') {
    let after: string | null = null;
    for (;;) {
      const keys = await pendingKeys(db, runId, after, KEYS_PER_LOOKUP_PAGE);
      if (keys.length === 0) break;
      const matches: Array<{ key: string; recordId: string }> = [];
      await lookupByQuery(client, plan, keys, (key, record) => {
        summary.recordsScanned++;
        matches.push({ key, recordId: record.Id });
      });
      summary.queries++;
      await insertPendingMatches(db, runId, matches);
      await onPage?.();
      after = keys[keys.length - 1];
    }
    return summary;
  }
  const soql = `SELECT ${lookupFields(plan).join(', ')} FROM ${plan.objectName} WHERE ${lookupConditions(plan)}`;
  summary.queries = 1;
  for await (const page of readAhead(client.bulkQuery(soql))) {
    const matches: Array<{ key: string; recordId: string }> = [];
    for (const record of page) {
      summary.recordsScanned++;
      const key = recordKey(record, plan.keys);
      if (key !== null) matches.push({ key, recordId: record.Id });
    }
    // The database keeps the matches of pending keys only; the page's other records are dropped there.
    await insertPendingMatches(db, runId, matches);
    await onPage?.();
  }
  return summary;
}
