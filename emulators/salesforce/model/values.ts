/**
 * Field values: conversion of what clients send (JSON values over REST, strings over Bulk CSV) into the
 * canonical stored form, and the checks Salesforce applies per field (length, range, picklist, e-mail).
 * Datetimes are stored as `YYYY-MM-DDTHH:mm:ss.SSS+0000` in UTC, so string order is time order.
 */
import type { FieldDef } from './fields';
import { normalizeId } from '../ids';

/** A stored field value (datetimes as canonical strings). */
export type Value = string | number | boolean | null;
/** A stored record: field API name to value. */
export type SfRecord = Record<string, Value>;

/** A value that is not of the field's type; REST rejects the request, Bulk fails the row. */
export class ValueTypeError extends Error {
  constructor(readonly field: string, readonly raw: string, readonly expected: string) {
    super(`${field}: value not of required type: ${raw}`);
  }
}

/** A per-row save error, shaped like Salesforce's `{statusCode, message, fields}`. */
export interface DmlError {
  statusCode: string;
  message: string;
  fields: string[];
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

let lastMs = NaN;
let lastText = '';

/** Canonical datetime string for epoch milliseconds (the last one is memoized: bulk rows share a stamp). */
export function formatDatetime(ms: number): string {
  if (ms !== lastMs) {
    lastText = new Date(ms).toISOString().replace('Z', '+0000');
    lastMs = ms;
  }
  return lastText;
}

/** Epoch ms of an ISO-8601-like datetime (with or without zone; no zone means UTC), or null. */
export function parseDatetime(text: string): number | null {
  const m = DATETIME.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  let ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Math.floor(+(frac.padEnd(3, '0').slice(0, 3))));
  if (Number.isNaN(ms) || +mo < 1 || +mo > 12 || +d < 1 || +h > 23 || +mi > 59 || +s > 59) return null;
  if (new Date(Date.UTC(+y, +mo - 1, +d)).getUTCDate() !== +d) return null;
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return ms;
}

const UTC_SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?(?:Z|\+00:?00)$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The canonical form of an already-UTC datetime by string assembly (Bulk rows are mostly these), else null. */
function utcDatetimeFast(text: string): string | null {
  const m = UTC_SECONDS.exec(text);
  if (!m) return null;
  const mo = +m[2]; const d = +m[3];
  if (mo < 1 || mo > 12 || d < 1 || d > DAYS[mo - 1] || +m[4] > 23 || +m[5] > 59 || +m[6] > 59) return null;
  if (mo === 2 && d === 29) return null;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7] ?? '000'}+0000`;
}

function canonicalDate(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) {
    const dt = parseDatetime(text);
    return dt === null ? null : new Date(dt).toISOString().slice(0, 10);
  }
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  return new Date(t).toISOString().slice(0, 10) === text ? text : null;
}

/**
 * Converts a client value to the stored form for a field, or throws ValueTypeError. `fromText` is true
 * for Bulk CSV cells, where every value arrives as a string.
 */
export function coerceValue(field: FieldDef, raw: unknown, fromText: boolean): Value {
  if (raw === null || raw === undefined) return null;
  switch (field.type) {
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      if (typeof raw === 'string') {
        const t = raw.trim().toLowerCase();
        if (t === 'true' || (fromText && t === '1')) return true;
        if (t === 'false' || (fromText && t === '0') || (fromText && t === '')) return false;
      }
      return typeError(field, raw, 'boolean');
    }
    case 'int': case 'double': case 'currency': case 'percent': {
      if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
      if (typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
      if (typeof raw === 'string' && raw.trim() === '') return null;
      return typeError(field, raw, field.type);
    }
    case 'date': {
      if (typeof raw !== 'string') return typeError(field, raw, 'date');
      if (raw === '') return null;
      return canonicalDate(raw) ?? typeError(field, raw, 'date');
    }
    case 'datetime': {
      if (typeof raw !== 'string') return typeError(field, raw, 'dateTime');
      if (raw === '') return null;
      const fast = utcDatetimeFast(raw);
      if (fast) return fast;
      const ms = parseDatetime(raw);
      return ms === null ? typeError(field, raw, 'dateTime') : formatDatetime(ms);
    }
    case 'id': case 'reference': {
      if (typeof raw !== 'string') return typeError(field, raw, 'id');
      if (raw === '') return null;
      return raw;
    }
    default: {
      if (typeof raw === 'string') return raw === '' ? null : raw;
      if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
      return typeError(field, raw, 'string');
    }
  }
}

function typeError(field: FieldDef, raw: unknown, expected: string): never {
  throw new ValueTypeError(field.name, typeof raw === 'string' ? raw : JSON.stringify(raw), expected);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Salesforce's per-field checks on an already-typed value; null when it passes. */
export function checkValue(field: FieldDef, value: Value): DmlError | null {
  if (value === null) return null;
  const fields = [field.name];
  if (typeof value === 'string' && field.length > 0 && value.length > field.length
    && field.type !== 'datetime' && field.type !== 'date') {
    return { statusCode: 'STRING_TOO_LONG', message: `${field.label}: data value too large: ${value.slice(0, 40)} (max length=${field.length})`, fields };
  }
  switch (field.type) {
    case 'email':
      if (typeof value === 'string' && !EMAIL.test(value)) {
        return { statusCode: 'INVALID_EMAIL_ADDRESS', message: `${field.label}: invalid email address: ${value}`, fields };
      }
      return null;
    case 'int': case 'double': case 'currency': case 'percent': {
      const n = value as number;
      const integerDigits = field.precision - field.scale;
      if (Math.abs(n) >= 10 ** integerDigits || (field.type === 'int' && !Number.isInteger(n))) {
        return { statusCode: 'NUMBER_OUTSIDE_VALID_RANGE', message: `${field.label}: value outside of valid range on numeric field: ${n}`, fields };
      }
      return null;
    }
    case 'picklist':
      if (field.restricted && !field.picklist.some((p) => p.active && p.value === value)) {
        return { statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: `${field.label}: bad value for restricted picklist field: ${String(value)}`, fields };
      }
      return null;
    case 'multipicklist':
      if (field.restricted) {
        for (const part of String(value).split(';')) {
          if (!field.picklist.some((p) => p.active && p.value === part)) {
            return { statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: `${field.label}: bad value for restricted picklist field: ${part}`, fields };
          }
        }
      }
      return null;
    case 'reference':
      if (normalizeId(String(value)) === null) {
        return { statusCode: 'MALFORMED_ID', message: `${field.label}: id value of incorrect type: ${String(value)}`, fields };
      }
      return null;
    default:
      return null;
  }
}

/** Rounds a number to the field's scale, as Salesforce stores it. */
export function roundToScale(field: FieldDef, n: number): number {
  if (field.type === 'int') return n;
  const f = 10 ** field.scale;
  return Math.round(n * f) / f;
}
