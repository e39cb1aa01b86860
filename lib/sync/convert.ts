import type { ColumnType, ReportValue } from '@/lib/insights/columns';
import type { SalesforceField } from '@/lib/salesforce/client';

/** A value as it goes to Salesforce: text, number, boolean, or null to clear the field. */
export type SalesforceValue = string | number | boolean | null;

/** Why a value cannot go into its field, in the words the run log shows. */
export interface ValueRejection {
  code: string;
  reason: string;
  fix: string;
}

/** The converted value, or why it cannot be written. */
export type Converted = { ok: true; value: SalesforceValue } | ({ ok: false } & ValueRejection);

const TEXT_TYPES = new Set(['string', 'textarea', 'phone', 'url', 'email', 'picklist', 'multipicklist', 'combobox', 'encryptedstring']);
const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent', 'long']);

/**
 * Which report column types each kind of Salesforce field accepts. Text fields take anything (it is written
 * as text); the others take the types that convert without guessing. A string column may feed a number,
 * checkbox or date field: its values are parsed one by one and a value that does not parse is a rejected row.
 */
export function fieldAccepts(field: Pick<SalesforceField, 'type'>, columnType: ColumnType): boolean {
  const t = field.type;
  if (t === 'email') return columnType === 'email' || columnType === 'string';
  if (t === 'picklist' || t === 'multipicklist') return columnType !== 'datetime' && columnType !== 'date';
  if (TEXT_TYPES.has(t)) return true;
  if (t === 'int' || t === 'long') return columnType === 'integer' || columnType === 'number' || columnType === 'string';
  if (NUMBER_TYPES.has(t)) return columnType === 'number' || columnType === 'integer' || columnType === 'percent' || columnType === 'string';
  if (t === 'boolean') return columnType === 'boolean' || columnType === 'string';
  if (t === 'date' || t === 'datetime') return columnType === 'date' || columnType === 'datetime' || columnType === 'string';
  return false;
}

const reject = (code: string, reason: string, fix: string): Converted => ({ ok: false, code, reason, fix });

function asText(value: Exclude<ReportValue, null>): string {
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

// Salesforce keeps dates between 1700 and 4000; outside that range it refuses the write.
const MIN_TIME = Date.UTC(1700, 0, 1);
const MAX_TIME = Date.UTC(4000, 11, 31, 23, 59, 59);

function toInstant(value: Exclude<ReportValue, null>): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return null;
  // Reject calendar overflow such as 2026-02-30, which Date would roll into March.
  const day = new Date(`${text.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== text.slice(0, 10)) return null;
  // A date-time without an offset is taken as UTC, as Salesforce's APIs do.
  const date = new Date(text.length === 10 ? `${text}T00:00:00Z` : /(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

function convertDate(value: Exclude<ReportValue, null>, field: SalesforceField, label: string): Converted {
  const instant = toInstant(value);
  if (!instant) {
    return reject('INVALID_DATE', `${label} "${asText(value)}" is not a date.`, 'Send dates as YYYY-MM-DD (date-times as ISO 8601), or map a date column.');
  }
  const time = instant.getTime();
  if (time < MIN_TIME || time > MAX_TIME) {
    return reject('INVALID_DATE', `${label} ${instant.toISOString().slice(0, 10)} is outside the years 1700 to 4000 that Salesforce accepts.`, 'Correct the date in the source data.');
  }
  return { ok: true, value: field.type === 'date' ? instant.toISOString().slice(0, 10) : instant.toISOString() };
}

function toNumber(value: Exclude<ReportValue, null>): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    const text = value.trim().replace(/%$/, '');
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
    const n = Number(text);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function digitsBeforePoint(n: number): number {
  const whole = Math.trunc(Math.abs(n));
  return whole === 0 ? 0 : whole.toFixed(0).length;
}

function convertNumber(value: Exclude<ReportValue, null>, field: SalesforceField, label: string): Converted {
  const n = toNumber(value);
  if (n === null) {
    return reject('INVALID_NUMBER', `${label} "${asText(value)}" is not a number.`, 'Correct the value in the source data, or map a numeric column.');
  }
  const isInteger = field.type === 'int' || field.type === 'long';
  if (isInteger && !Number.isInteger(n)) {
    return reject('INVALID_NUMBER', `${label} ${n} is not a whole number, and ${field.name} takes whole numbers only.`, 'Map a whole-number column, or change the field to a number with decimal places.');
  }
  const scale = isInteger ? 0 : Math.max(0, field.scale);
  // Salesforce rounds to the field's scale (half away from zero) before checking the digits before the point.
  const rounded = Math.sign(n) * Number(Math.abs(n).toFixed(scale));
  const maxWhole = field.precision > 0 ? field.precision - scale : isInteger ? 10 : 18;
  if (digitsBeforePoint(rounded) > maxWhole || (field.type === 'int' && Math.abs(rounded) > 2_147_483_647)) {
    return reject('NUMBER_OUTSIDE_VALID_RANGE', `${label} ${n} has more than ${maxWhole} digit${maxWhole === 1 ? '' : 's'} before the decimal point, which is what ${field.name} holds.`,
      'Increase the field\'s length in Salesforce Setup, or map a column with smaller values.');
  }
  return { ok: true, value: Object.is(rounded, -0) ? 0 : rounded };
}

function convertBoolean(value: Exclude<ReportValue, null>, label: string): Converted {
  if (typeof value === 'boolean') return { ok: true, value };
  const text = asText(value).trim().toLowerCase();
  if (['true', 'yes', '1'].includes(text)) return { ok: true, value: true };
  if (['false', 'no', '0', ''].includes(text)) return { ok: true, value: false };
  return reject('INVALID_BOOLEAN', `${label} "${asText(value)}" is not true or false.`, 'Send true/false (or yes/no, 1/0), or map a yes/no column.');
}

const EMAIL = /^[^\s@"(),:;<>[\\\]]+@[^\s@"(),:;<>[\\\]]+\.[^\s@"(),:;<>[\\\]]+$/;

function convertText(value: Exclude<ReportValue, null>, columnType: ColumnType, field: SalesforceField, label: string): Converted {
  let text = asText(value);
  if (columnType === 'date' && typeof value === 'string') text = value;
  if (field.type === 'email') {
    text = text.trim();
    if (!EMAIL.test(text)) return reject('INVALID_EMAIL_ADDRESS', `${label} "${text}" is not an e-mail address.`, 'Correct the address in the source data, or map a different column to this field.');
  }
  if (field.type === 'picklist' || field.type === 'multipicklist') {
    const chosen = field.type === 'multipicklist' ? text.split(';').map((v) => v.trim()).filter(Boolean) : [text];
    if (field.restrictedPicklist) {
      const bad = chosen.find((v) => !field.picklistValues.includes(v));
      if (bad !== undefined) {
        const allowed = field.picklistValues.length <= 8 ? ` (${field.picklistValues.join(', ')})` : '';
        return reject('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${label} "${bad}" is not one of the values of the restricted picklist ${field.name}${allowed}.`,
          `Add "${bad}" to the picklist in Salesforce Setup, or map a different column.`);
      }
    }
  }
  if (field.length > 0 && text.length > field.length) {
    return reject('STRING_TOO_LONG', `${label} is ${text.length} characters long; ${field.name} holds at most ${field.length}.`,
      'Shorten the value in the source data, or make the field longer in Salesforce Setup.');
  }
  return { ok: true, value: text };
}

/**
 * Converts one report value to what `field` accepts, checking locally what Salesforce would refuse: text
 * length, e-mail form, restricted picklist values, numbers against precision and scale (rounded to the
 * scale as Salesforce does), whole numbers, dates and date-times in Salesforce's range. Null clears the
 * field, except that a checkbox cannot be empty (null becomes false) and a required field cannot be cleared.
 */
export function convertValue(value: ReportValue, columnType: ColumnType, field: SalesforceField, columnName = 'The value'): Converted {
  const label = columnName === 'The value' ? columnName : `"${columnName}"`;
  if (value === null || (typeof value === 'string' && value.trim() === '' && !TEXT_TYPES.has(field.type))) {
    if (field.type === 'boolean') return { ok: true, value: false };
    if (!field.nillable) {
      return reject('REQUIRED_FIELD_MISSING', `${label} is empty, and ${field.name} is required in Salesforce.`, 'Fill the value in the source data, or map a different column to this field.');
    }
    return { ok: true, value: null };
  }
  switch (field.type) {
    case 'date':
    case 'datetime':
      return convertDate(value, field, label);
    case 'boolean':
      return convertBoolean(value, label);
    default:
      if (NUMBER_TYPES.has(field.type)) return convertNumber(value, field, label);
      return convertText(value, columnType, field, label);
  }
}
