import { findSyncHashes } from '@/db/queries/sync-rows';
import { getIntegrationOfRun } from '@/db/queries/sync-runs';
import { notFound } from '@/lib/errors';
import type { ColumnFieldPair } from '@/db/schema';
import { getReportDefinition } from '@/lib/insights/catalog';
import { streamReportBatches } from '@/lib/insights/report-rows';
import type { MappingProblem } from '@/lib/integrations/check-mapping';
import type { SalesforceRecord } from '@/lib/salesforce/client';
import type { SalesforceValue } from './convert';
import type { SyncDeps } from './execute-run';
import { planRun } from './plan';
import { lookupByQuery } from './resolve-keys';
import { RunStop } from './run-stop';
import { displayKey, transformRow, type AcceptedRow, type RunPlan } from './transform';

/** An integration as the wizard holds it, saved or not. */
export interface IntegrationDraft {
  accountId: string;
  reportId: string;
  objectName: string;
  keys: ColumnFieldPair[];
  mappings: ColumnFieldPair[];
  /** A saved integration: rows unchanged since its last accepted push are counted as unchanged. */
  integrationId?: string;
  fullResync?: boolean;
}

/** One field of one record that a run would change. */
export interface PreviewChange {
  key: string;
  recordId: string;
  field: string;
  current: SalesforceValue;
  next: SalesforceValue;
}

/** What a run would do, without doing it. */
export type PreviewResult =
  | { ok: false; problems: MappingProblem[]; message: string }
  | {
    ok: true;
    destination: 'salesforce';
    asOf: string;
    /** Over the whole report: rows read, unchanged, rejected and to send. */
    read: number;
    unchanged: number;
    rejected: number;
    toSend: number;
    /** Over the first `lookedUp` rows to send, looked up in Salesforce: how their keys matched. */
    lookedUp: number;
    matched: number;
    noMatch: number;
    multipleMatches: number;
    /** Records among those whose mapped values would really change. */
    recordsChanging: number;
    changes: PreviewChange[];
    rejections: Array<{ key: string; field: string | null; code: string; message: string; fix: string }>;
  };

/** Rows to send that the preview looks up in Salesforce (a few SOQL queries), and samples it returns. */
export const PREVIEW_LOOKUP_LIMIT = 2_000;
export const PREVIEW_SAMPLE = 50;

/** Two values as Salesforce would store them: the same date-time in another form, or 5 and 5.0, are equal. */
function same(current: unknown, next: SalesforceValue, type: string): boolean {
  if ((current === null || current === undefined || current === '') && (next === null || next === '')) return true;
  if (current === null || current === undefined || next === null) return false;
  if (type === 'datetime') return Date.parse(String(current)) === Date.parse(String(next));
  if (typeof next === 'number') return Number(current) === next;
  if (typeof next === 'boolean') return String(current) === String(next);
  return String(current) === next;
}

function changesOf(plan: RunPlan, row: AcceptedRow, record: SalesforceRecord): PreviewChange[] {
  return plan.mappings
    .filter((m) => !same(record[m.field.name], row.values[m.field.name], m.field.type))
    .map((m) => ({ key: displayKey(row.key), recordId: record.Id, field: m.field.name, current: (record[m.field.name] ?? null) as SalesforceValue, next: row.values[m.field.name] }));
}

/**
 * The dry run behind the wizard's preview: the same check, read, convert and diff as a run over the whole
 * report, then a SOQL lookup of the first rows to send with their current values, so the user sees record,
 * field, current value and new value. Writes nothing: no run, no run rows, no sync state, no Salesforce write.
 */
export async function previewRun(deps: Pick<SyncDeps, 'db' | 'clock' | 'salesforceFor'>, params: { workspaceId: string; integration: IntegrationDraft; asOf?: Date }): Promise<PreviewResult> {
  const { db } = deps;
  const draft = params.integration;
  const asOf = params.asOf ?? deps.clock();
  // The sync state compared against must be this workspace's integration's, whoever passed the id.
  if (draft.integrationId && !(await getIntegrationOfRun(db, { workspaceId: params.workspaceId, integrationId: draft.integrationId }))) throw notFound('That integration');
  const client = await deps.salesforceFor(params.workspaceId, draft.accountId);
  const report = await getReportDefinition(db, params.workspaceId, draft.reportId);
  let plan: RunPlan;
  try {
    plan = planRun({ version: 0, accountId: draft.accountId, reportId: draft.reportId, objectName: draft.objectName, keys: draft.keys, mappings: draft.mappings },
      report, await client.describe(draft.objectName));
  } catch (error) {
    if (error instanceof RunStop && error.code === 'MAPPING_INVALID') return { ok: false, problems: error.details!.problems as MappingProblem[], message: error.message };
    throw error;
  }
  let read = 0;
  let unchanged = 0;
  let toSend = 0;
  const rejections: Extract<PreviewResult, { ok: true }>['rejections'] = [];
  let rejected = 0;
  const sample = new Map<string, AcceptedRow>();
  for await (const batch of streamReportBatches(db, params.workspaceId, draft.reportId, { asOf, batchSize: 2_000 })) {
    read += batch.rows.length;
    const accepted: AcceptedRow[] = [];
    batch.rows.forEach((row, i) => {
      const result = transformRow(row, batch.userIds[i], plan);
      if (result.ok) accepted.push(result);
      else {
        rejected++;
        if (rejections.length < PREVIEW_SAMPLE) rejections.push({ key: displayKey(result.key), field: result.field, code: result.code, message: result.reason, fix: result.fix });
      }
    });
    const hashes = draft.integrationId && !draft.fullResync ? await findSyncHashes(db, draft.integrationId, accepted.map((r) => r.key)) : new Map<string, string>();
    for (const row of accepted) {
      if (hashes.get(row.key) === row.hash) { unchanged++; continue; }
      toSend++;
      if (sample.size < PREVIEW_LOOKUP_LIMIT && !sample.has(row.key)) sample.set(row.key, row);
    }
  }
  const found = new Map<string, SalesforceRecord[]>();
  await lookupByQuery(client, plan, [...sample.keys()], (key, record) => { found.set(key, [...(found.get(key) ?? []), record]); }, plan.mappings.map((m) => m.field.name));
  const changes: PreviewChange[] = [];
  let recordsChanging = 0;
  let multipleMatches = 0;
  for (const [key, row] of sample) {
    const records = found.get(key) ?? [];
    if (records.length > 1) multipleMatches++;
    for (const record of records) {
      const fieldChanges = changesOf(plan, row, record);
      if (fieldChanges.length > 0) recordsChanging++;
      for (const change of fieldChanges) if (changes.length < PREVIEW_SAMPLE) changes.push(change);
    }
  }
  return {
    ok: true, destination: 'salesforce', asOf: asOf.toISOString(), read, unchanged, rejected, toSend, lookedUp: sample.size, matched: found.size, noMatch: sample.size - found.size,
    multipleMatches, recordsChanging, changes, rejections,
  };
}
