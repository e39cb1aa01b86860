import crypto from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database } from '@/db/client';
import { selectRows } from '@/db/client';
import { loadReport } from './catalog';
import { columnAlias, toReportValue, type CompiledReport, type ReportColumn, type ReportDefinition, type ReportRow } from './columns';
import { AppError } from '@/lib/errors';

/** The report's rows before ordering and paging, as raw SQL columns `k` (User ID, unique per workspace) and c0..cN. */
export function baseQuery(report: CompiledReport, workspaceId: string, extra: SQL = sql``): SQL {
  return sql`select eu.user_id as k, ${report.select}
    from insights_end_users eu ${report.joins}
    where eu.workspace_id = ${workspaceId}::uuid and (${report.where})${extra}`;
}

/** Outer select list: datetimes leave the database as epoch milliseconds, the one form both drivers agree on. */
function projection(columns: ReportColumn[]): SQL {
  return sql.join(columns.map((column, i) => {
    const alias = sql.raw(columnAlias(i));
    if (column.type === 'datetime') return sql`(extract(epoch from r.${alias}) * 1000)::float8 as ${alias}`;
    if (column.type === 'date') return sql`to_char(r.${alias}, 'YYYY-MM-DD') as ${alias}`;
    return sql`r.${alias}`;
  }), sql`, `);
}

function toRows(columns: ReportColumn[], raw: Array<Record<string, unknown>>): ReportRow[] {
  return raw.map((r) => {
    const row: ReportRow = {};
    columns.forEach((column, i) => { row[column.name] = toReportValue(column.type, r[columnAlias(i)]); });
    return row;
  });
}

/** Sorting for a preview: a column name of the report and a direction. */
export interface ReportSort {
  column: string;
  direction?: 'asc' | 'desc';
}

/** Options of a preview page. `page` is 1-based. */
export interface PreviewOptions {
  page?: number;
  pageSize?: number;
  sort?: ReportSort;
  asOf?: Date;
}

/** One page of a report for the UI, with the total row count. */
export interface ReportPreview {
  report: ReportDefinition;
  asOf: Date;
  rows: ReportRow[];
  total: number;
  page: number;
  pageSize: number;
}

/** Largest preview page; bigger reads go through the stream or the CSV export. */
export const MAX_PREVIEW_PAGE_SIZE = 500;
/** Highest page number a preview accepts (a hand-edited ?page=1e308 would overflow the SQL offset). */
export const MAX_PREVIEW_PAGE = 1_000_000;

/**
 * A page of a report sorted by any of its columns (nulls last, ties by User ID), plus the total count.
 * The sort column is checked against the report's columns and only its c-alias reaches SQL.
 */
export async function previewReport(db: Database, workspaceId: string, reportId: string, options: PreviewOptions = {}): Promise<ReportPreview> {
  const page = options.page ?? 1;
  const pageSize = options.pageSize ?? 50;
  if (!Number.isInteger(page) || page < 1 || page > MAX_PREVIEW_PAGE) {
    throw new AppError('VALIDATION', `page must be a whole number from 1 to ${MAX_PREVIEW_PAGE}.`);
  }
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PREVIEW_PAGE_SIZE) {
    throw new AppError('VALIDATION', `pageSize must be a whole number from 1 to ${MAX_PREVIEW_PAGE_SIZE}.`);
  }
  const asOf = options.asOf ?? new Date();
  const loaded = await loadReport(db, workspaceId, reportId);
  const compiled = loaded.compile(asOf);
  const sortColumn = options.sort?.column ?? loaded.definition.keyColumn;
  const sortIndex = compiled.columns.findIndex((c) => c.name === sortColumn);
  if (sortIndex < 0) throw new AppError('VALIDATION', `The report has no column "${sortColumn}" to sort by.`);
  const direction = options.sort?.direction === 'desc' ? sql.raw('desc') : sql.raw('asc');
  const base = baseQuery(compiled, workspaceId);
  // The total rides along as a window count, so the report is computed once for both the page and the count.
  const raw = await selectRows<Record<string, unknown>>(db, sql`select ${projection(compiled.columns)}, count(*) over () as total
    from (${base}) r
    order by r.${sql.raw(columnAlias(sortIndex))} ${direction} nulls last, r.k asc
    limit ${pageSize} offset ${(page - 1) * pageSize}`);
  let n: number | string;
  if (raw.length > 0) n = raw[0].total as number | string;
  else [{ n }] = await selectRows<{ n: number | string }>(db, sql`select count(*)::int as n from (${base}) r`);
  return { report: loaded.definition, asOf, rows: toRows(compiled.columns, raw), total: Number(n), page, pageSize };
}

/** Options of the streaming reader. */
export interface StreamOptions {
  /** Rows per yielded batch (1 to 10,000; default 1,000). */
  batchSize?: number;
  /** Fixed for the whole stream so every batch agrees; default now. */
  asOf?: Date;
  /** Start after this User ID (a resumed sync run); default the beginning. */
  after?: string | null;
  /** Only the rows of these User IDs, given in the stream's order (a sync run reading what changed). */
  only?: readonly string[];
  /** Also return when each row next changes with time (CompiledReport.validUntil). */
  withValidUntil?: boolean;
}

/** One batch of the stream: the rows and, aligned with them, each row's User ID (the stream's order). */
export interface ReportBatch {
  rows: ReportRow[];
  userIds: string[];
  /** With `withValidUntil`: epoch milliseconds when the row next changes with time, null for never. */
  validUntil?: Array<number | null>;
}

/** A list of User IDs as one parameter (no parameter-count limit), for `eu.user_id in (…)`. */
const userIdList = (ids: readonly string[]) => sql`(select json_array_elements_text(${JSON.stringify(ids)}::json))`;

/**
 * Streams every row of a report in User ID order, in batches of at most `batchSize`, with memory bounded
 * by one batch: each batch is a keyset query (User ID greater than the last one seen), so the database
 * walks the end-user index from there and computes only that batch's rows.
 */
export async function* streamReportBatches(db: Database, workspaceId: string, reportId: string, options: StreamOptions = {}): AsyncGenerator<ReportBatch> {
  const batchSize = options.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    throw new AppError('VALIDATION', 'batchSize must be a whole number from 1 to 10000.');
  }
  const asOf = options.asOf ?? new Date();
  const withValidUntil = options.withValidUntil === true;
  const report = (await loadReport(db, workspaceId, reportId)).compile(asOf);
  const compiled = withValidUntil ? { ...report, select: sql`${report.select}, ${report.validUntil ?? sql`null::timestamptz`} as vu` } : report;
  const extra = withValidUntil ? sql`, (extract(epoch from r.vu) * 1000)::float8 as vu` : sql``;
  let after: string | null = options.after ?? null;
  const only = options.only;
  for (let from = 0; ; from += batchSize) {
    if (only && from >= only.length) return;
    const keyset: SQL = after === null ? sql`` : sql` and eu.user_id > ${after}::text`;
    const subset: SQL = only ? sql` and eu.user_id in ${userIdList(only.slice(from, from + batchSize))}` : sql``;
    const raw: Array<Record<string, unknown>> = await selectRows<Record<string, unknown>>(db, sql`
      select r.k, ${projection(compiled.columns)}${extra} from (${baseQuery(compiled, workspaceId, sql`${keyset}${subset}`)}) r
      order by r.k asc limit ${batchSize}`);
    if (raw.length > 0) {
      const batch: ReportBatch = { rows: toRows(compiled.columns, raw), userIds: raw.map((r) => String(r.k)) };
      if (withValidUntil) batch.validUntil = raw.map((r) => (r.vu === null || r.vu === undefined ? null : Number(r.vu)));
      yield batch;
    }
    if (only) continue;
    if (raw.length < batchSize) return;
    after = String(raw[raw.length - 1].k);
  }
}

/** The report's rows in User ID order, in arrays of at most `batchSize` (see streamReportBatches). */
export async function* streamReportRows(db: Database, workspaceId: string, reportId: string, options: StreamOptions = {}): AsyncGenerator<ReportRow[]> {
  for await (const batch of streamReportBatches(db, workspaceId, reportId, options)) yield batch.rows;
}

/**
 * How many rows the report has as of `asOf` (after `after`, and among `only`, when given): a run's rows to
 * process. Counted from the report's end users alone where it says which they are (CompiledReport.members),
 * so no row is computed.
 */
export async function countReportRows(db: Database, workspaceId: string, reportId: string, options: { asOf?: Date; after?: string | null; only?: readonly string[] } = {}): Promise<number> {
  const compiled = (await loadReport(db, workspaceId, reportId)).compile(options.asOf ?? new Date());
  const keyset: SQL = options.after ? sql` and eu.user_id > ${options.after}::text` : sql``;
  const subset: SQL = options.only ? sql` and eu.user_id in ${userIdList(options.only)}` : sql``;
  const query = compiled.members
    ? sql`select count(*)::int as n from insights_end_users eu where eu.workspace_id = ${workspaceId}::uuid and (${compiled.members})${keyset}${subset}`
    : sql`select count(*)::int as n from (${baseQuery(compiled, workspaceId, sql`${keyset}${subset}`)}) r`;
  const [{ n }] = await selectRows<{ n: number | string }>(db, query);
  return Number(n);
}

/**
 * What the report's rows are computed from, as a hash: its SQL and parameters compiled at a fixed time, so
 * it changes when the definition or the workspace settings it reads change (a sync run then reads every row).
 */
export async function reportFingerprint(db: Database, workspaceId: string, reportId: string): Promise<string> {
  const compiled = (await loadReport(db, workspaceId, reportId)).compile(new Date(0));
  const parts = [compiled.select, compiled.joins, compiled.where, compiled.validUntil ?? sql``].map((part) => new PgDialect().sqlToQuery(part));
  return crypto.createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
