import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Database } from '@/db/client';
import { getReportDefinition } from './catalog';
import type { ReportRow, ReportValue } from './columns';
import { streamReportRows } from './report-rows';

/** A report as CSV: a file name and a Node stream of the text. */
export interface ReportCsv {
  filename: string;
  stream: Readable;
}

/**
 * How a cell is written: ISO-8601 UTC for datetimes, true/false, empty for no value. Text that a spreadsheet
 * would run as a formula (it starts with = + - @ or a tab/carriage return) gets a leading apostrophe: end users'
 * events supply these values, and a CSV is usually opened in Excel.
 */
export function csvCell(value: ReportValue): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(value)) return `'${value}`;
  return String(value);
}

/**
 * Streams a whole report as CSV (header row of column names, rows in User ID order). Rows come from the
 * streaming reader and pass through csv-stringify with backpressure, so memory stays at about one batch.
 */
export async function exportReportCsv(db: Database, workspaceId: string, reportId: string, options: { asOf?: Date } = {}): Promise<ReportCsv> {
  const definition = await getReportDefinition(db, workspaceId, reportId);
  const asOf = options.asOf ?? new Date();
  const names = definition.columns.map((c) => c.name);
  async function* records(): AsyncGenerator<string[]> {
    // Column names are chosen by users (custom reports), so the header row is defused like any cell.
    yield names.map((name) => csvCell(name));
    for await (const batch of streamReportRows(db, workspaceId, reportId, { asOf, batchSize: 1000 })) {
      for (const row of batch as ReportRow[]) yield names.map((name) => csvCell(row[name]));
    }
  }
  const stringifier = stringify();
  const source = Readable.from(records());
  source.on('error', (error) => stringifier.destroy(error));
  source.pipe(stringifier);
  const slug = definition.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'report';
  return { filename: `${slug}-${asOf.toISOString().slice(0, 10)}.csv`, stream: stringifier };
}
