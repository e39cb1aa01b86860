import crypto from 'node:crypto';
import type { FieldValues } from '@/db/schema';
import type { ColumnType, ReportRow, ReportValue } from '@/lib/insights/columns';
import type { SalesforceField } from '@/lib/salesforce/client';
import { convertValue, type ValueRejection } from './convert';

/** A report column bound to the Salesforce field it feeds (a key pair or a field mapping). */
export interface BoundColumn {
  column: string;
  columnType: ColumnType;
  field: SalesforceField;
}

/** Everything the pure steps need about one run: what to match on and what to write. */
export interface RunPlan {
  objectName: string;
  keys: BoundColumn[];
  mappings: BoundColumn[];
  /** Changes whenever the object, keys or mappings change; part of every values hash. */
  fingerprint: string;
  /** Lead: converted Leads cannot be updated, so key lookups leave them out. */
  excludeConverted: boolean;
}

/** A row ready to write: its key, its converted values and their hash. */
export interface AcceptedRow {
  ok: true;
  userId: string;
  key: string;
  values: FieldValues;
  hash: string;
}

/** A row that cannot be written as it is, with the field and reason. */
export interface RejectedRow extends ValueRejection {
  ok: false;
  userId: string;
  key: string;
  field: string | null;
}

export type TransformedRow = AcceptedRow | RejectedRow;

/** Separates the parts of a composite key: it cannot occur in report text. */
export const KEY_SEPARATOR = '\u001f';

const NUMERIC_KEY_TYPES = new Set(['int', 'double', 'currency', 'percent', 'long']);

/**
 * A key value as both sides compare it: e-mails and case-insensitive text fields (most of Salesforce's) in
 * lower case and trimmed, numbers in their shortest form, so "Ana@X.com" in the report finds "ana@x.com".
 */
export function normalizeKeyPart(value: unknown, field: Pick<SalesforceField, 'type' | 'caseSensitive'>): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (NUMERIC_KEY_TYPES.has(field.type)) {
    const n = Number(value);
    return Number.isFinite(n) && String(value).trim() !== '' ? String(n) : null;
  }
  const text = String(value).trim();
  if (text === '') return null;
  return field.type === 'email' || !field.caseSensitive ? text.toLowerCase() : text;
}

/** The run key of a report row, or null when any key column is empty. */
export function rowKey(row: ReportRow, keys: BoundColumn[]): string | null {
  if (keys.length === 1) return normalizeKeyPart(row[keys[0].column], keys[0].field);
  const parts: string[] = [];
  for (const k of keys) {
    const part = normalizeKeyPart(row[k.column], k.field);
    if (part === null) return null;
    parts.push(part);
  }
  return parts.join(KEY_SEPARATOR);
}

/** The run key of a Salesforce record, built from its key fields the same way. */
export function recordKey(record: Record<string, unknown>, keys: BoundColumn[]): string | null {
  if (keys.length === 1) return normalizeKeyPart(record[keys[0].field.name], keys[0].field);
  const parts: string[] = [];
  for (const k of keys) {
    const part = normalizeKeyPart(record[k.field.name], k.field);
    if (part === null) return null;
    parts.push(part);
  }
  return parts.join(KEY_SEPARATOR);
}

/** How a key is shown to people: composite parts joined by " / ". */
export function displayKey(key: string): string {
  return key.split(KEY_SEPARATOR).join(' / ');
}

/** A stable digest of the object, key pairs and mappings (field names and their column). */
export function mappingFingerprint(input: { accountId: string | null; objectName: string; keys: Array<{ column: string; field: string }>; mappings: Array<{ column: string; field: string }> }): string {
  const canonical = JSON.stringify([input.accountId, input.objectName, input.keys.map((k) => [k.column, k.field]), input.mappings.map((m) => [m.column, m.field])]);
  return crypto.createHash('sha256').update(canonical).digest('base64url').slice(0, 22);
}

/** The hash of the values a row would write, salted with the mapping's fingerprint. */
export function valuesHash(fingerprint: string, plan: Pick<RunPlan, 'mappings'>, values: FieldValues): string {
  const ordered = plan.mappings.map((m) => values[m.field.name] ?? null);
  // One-shot hashing (the same digest as createHash().update()… over the joined text, at a fraction of the cost per row).
  return crypto.hash('sha256', `${fingerprint}\u0000${JSON.stringify(ordered)}`, 'base64url');
}

/**
 * Turns one report row into the values to write, or the reason it cannot be written: an empty key, or the
 * first value that does not fit its field. Pure: same row and plan, same answer.
 */
export function transformRow(row: ReportRow, userId: string, plan: RunPlan): TransformedRow {
  const key = rowKey(row, plan.keys);
  if (key === null) {
    const missing = plan.keys.find((k) => normalizeKeyPart(row[k.column], k.field) === null)!;
    return {
      ok: false, userId, key: `${KEY_SEPARATOR}no-key${KEY_SEPARATOR}${userId}`, field: missing.column, code: 'MISSING_KEY',
      reason: `The row of User ID ${userId} has no "${missing.column}", so it cannot be matched to a ${plan.objectName} record.`,
      fix: `Make sure the end user's events carry "${missing.column}", or match on another identifier.`,
    };
  }
  const values: FieldValues = {};
  for (const m of plan.mappings) {
    const converted = convertValue(row[m.column] as ReportValue, m.columnType, m.field, m.column);
    if (!converted.ok) return { ok: false, userId, key, field: m.field.name, code: converted.code, reason: converted.reason, fix: converted.fix };
    values[m.field.name] = converted.value;
  }
  return { ok: true, userId, key, values, hash: valuesHash(plan.fingerprint, plan, values) };
}
