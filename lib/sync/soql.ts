import type { SalesforceField } from '@/lib/salesforce/client';
import { encodeSoql } from '@/lib/salesforce/soql-uri';

/** Salesforce answers 414 to any URI longer than this (bytes). */
export const MAX_URI_BYTES = 16_384;
/** Salesforce's default limit on the length of a SOQL statement (characters). */
export const MAX_SOQL_CHARS = 100_000;
/**
 * Room left for what precedes `?q=` in the request URI (`/services/data/vNN.0/query`, plus any path prefix
 * of a My Domain or the emulator): generous, so a query that fits here fits on every instance.
 */
export const URI_PREFIX_ALLOWANCE = 1_024;

const ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** A SOQL literal for a key value of `field`: numbers bare, everything else quoted with SOQL's escapes. */
export function soqlLiteral(value: string, field: Pick<SalesforceField, 'type'>): string {
  if (['int', 'double', 'currency', 'percent', 'long'].includes(field.type)) {
    if (!/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value)) throw new Error(`not a number: ${value}`);
    return value;
  }
  return `'${value.replace(/[\\'"\n\r\t\b\f]/g, (c) => ESCAPES[c])}'`;
}

/** What to ask for: the object, the fields to select, and extra conditions (such as IsConverted = false). */
export interface KeyQuerySpec {
  objectName: string;
  select: string[];
  keyFields: Array<Pick<SalesforceField, 'name' | 'type'>>;
  /** Conditions ANDed to the key filter, already valid SOQL. */
  where?: string;
}

/** Bytes the query takes in the request URI, as jsforce sends it (`?q=` plus the URL-encoded text). */
export function encodedQueryBytes(soql: string): number {
  return 3 + Buffer.byteLength(encodeSoql(soql));
}

function render(spec: KeyQuerySpec, valueSets: Array<Set<string>>): string {
  const filters = spec.keyFields.map((f, i) => `${f.name} IN (${[...valueSets[i]].map((v) => soqlLiteral(v, f)).join(', ')})`);
  if (spec.where) filters.push(spec.where);
  return `SELECT ${spec.select.join(', ')} FROM ${spec.objectName} WHERE ${filters.join(' AND ')}`;
}

/**
 * Splits key tuples (one value per key field) into as few `IN` queries as fit both Salesforce's URI limit
 * and its statement length. A composite key becomes `f1 IN (…) AND f2 IN (…)`: that can also return records
 * whose combination is not one of the tuples, so callers compare the whole key of each record returned.
 * Each tuple's values land in one query together; a single tuple too long for any query is an error.
 */
export function buildKeyQueries(spec: KeyQuerySpec, tuples: string[][], limits = { uriBytes: MAX_URI_BYTES - URI_PREFIX_ALLOWANCE, chars: MAX_SOQL_CHARS }): string[] {
  const queries: string[] = [];
  // Sizes are kept as running totals of the literals (plus ", " between them) instead of re-rendering per value.
  const base = render(spec, spec.keyFields.map(() => new Set(['0'])));
  const baseBytes = encodedQueryBytes(base);
  let current = spec.keyFields.map(() => new Set<string>());
  let bytes = baseBytes;
  let chars = base.length;
  let count = 0;
  const growth = (tuple: string[]) => {
    let addBytes = 0;
    let addChars = 0;
    tuple.forEach((value, i) => {
      if (current[i].has(value)) return;
      const literal = soqlLiteral(value, spec.keyFields[i]);
      addChars += literal.length + 2;
      addBytes += Buffer.byteLength(encodeSoql(literal)) + 6; // ", " encodes as "%2C%20"
    });
    return { addBytes, addChars };
  };
  const fits = (g: { addBytes: number; addChars: number }) => bytes + g.addBytes <= limits.uriBytes && chars + g.addChars <= limits.chars;
  for (const tuple of tuples) {
    let g = growth(tuple);
    if (!fits(g) && count > 0) {
      queries.push(render(spec, current));
      current = spec.keyFields.map(() => new Set<string>());
      bytes = baseBytes;
      chars = base.length;
      count = 0;
      g = growth(tuple);
    }
    if (!fits(g)) throw new Error('A key value is too long to look up in Salesforce with a query.');
    tuple.forEach((value, i) => current[i].add(value));
    bytes += g.addBytes;
    chars += g.addChars;
    count++;
  }
  if (count > 0) queries.push(render(spec, current));
  return queries;
}
