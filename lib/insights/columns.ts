import type { SQL } from 'drizzle-orm';
import type { WorkspaceSettings } from '@/db/schema';

/** Value types of report columns; the sync engine converts each to a Salesforce field type from these. */
export const COLUMN_TYPES = ['string', 'email', 'number', 'integer', 'percent', 'boolean', 'date', 'datetime'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** One report column: its label (also the mapping name) and value type. */
export interface ReportColumn {
  name: string;
  type: ColumnType;
  /** Digits after the decimal point that values are rounded to (averages, rates); unset: as computed. */
  decimals?: number;
}

/** Decimals of averages and rates: 51.78, 66.67 %. */
export const AVERAGE_DECIMALS = 2;

/**
 * A cell as the readers return it: string for string/email, number for number/integer/percent (percent is
 * 0-100), boolean, `YYYY-MM-DD` string for date, Date for datetime; null when there is no value.
 */
export type ReportValue = string | number | boolean | Date | null;

/** One report row keyed by column name. */
export type ReportRow = Record<string, ReportValue>;

/** A report as the catalog and the sync engine see it. */
export interface ReportDefinition {
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
  tags: string[];
  /** The default unique identifier column, "User ID" for built-ins. */
  keyColumn: string;
  columns: ReportColumn[];
}

/** Everything a report's SQL depends on besides the database. */
export interface ReportContext {
  workspaceId: string;
  /** Events with a later timestamp are ignored everywhere. */
  asOf: Date;
  settings: WorkspaceSettings;
}

/**
 * A report compiled to SQL over `insights_end_users eu`: `select` yields the columns aliased c0..cN in
 * column order, `joins` adds what they need, and `where` says which end users get a row. The runner adds
 * the workspace filter, the key, ordering and paging.
 */
export interface CompiledReport {
  columns: ReportColumn[];
  select: SQL;
  joins: SQL;
  where: SQL;
  /**
   * The same end users as `where` over `eu` alone (an EXISTS instead of an aggregate of `joins`), for
   * counting rows without computing them; unset: counted from the rows.
   */
  members?: SQL;
  /**
   * When an end user's row next changes with no new data and no event dated after asOf (an event leaving a
   * "last N days" window), null for never; unset when no column depends on the time. Over `eu` and `joins`.
   */
  validUntil?: SQL;
}

/** The SQL alias of the column at `index`: never derived from user text. */
export function columnAlias(index: number): string {
  return `c${index}`;
}

/** Turns a raw driver value into the column type's JS value (drivers differ for dates and big numbers). */
export function toReportValue(type: ColumnType, raw: unknown): ReportValue {
  if (raw === null || raw === undefined) return null;
  switch (type) {
    case 'number':
    case 'integer':
    case 'percent':
      return Number(raw);
    case 'boolean':
      return raw === true || raw === 't' || raw === 'true';
    case 'datetime':
      // The runner selects datetimes as epoch milliseconds, which both drivers return the same way.
      return new Date(Number(raw));
    case 'date':
    case 'string':
    case 'email':
      return String(raw);
  }
}
