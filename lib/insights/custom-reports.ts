import type { Database } from '@/db/client';
import * as reports from '@/db/queries/insights-reports';
import type { CustomReportRow } from '@/db/queries/insights-reports';
import type { ReportDefinition } from './columns';
import { customReportColumn, customReportSchema, type CustomReportDefinition } from './custom-report-schema';
import { AppError } from '@/lib/errors';

/** Validates input against the custom report schema; the error message lists every problem with its field. */
export function parseCustomReport(input: unknown): CustomReportDefinition {
  const parsed = customReportSchema.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
    throw new AppError('VALIDATION', message);
  }
  return parsed.data;
}

/** The definition stored in a row, re-validated so a hand-edited or outdated row cannot reach SQL unchecked. */
export function customDefinitionOf(row: CustomReportRow): CustomReportDefinition {
  return parseCustomReport({ ...row.definition, name: row.name, description: row.description, tags: row.tags, keyColumn: row.keyColumn });
}

/** The catalog view of a stored custom report. */
export function describeCustomReport(row: CustomReportRow): ReportDefinition {
  const definition = customDefinitionOf(row);
  return {
    id: row.id, name: row.name, description: row.description, builtIn: false, tags: row.tags, keyColumn: row.keyColumn,
    columns: definition.columns.map(customReportColumn),
  };
}

function valuesOf(definition: CustomReportDefinition): reports.CustomReportValues {
  return {
    name: definition.name, description: definition.description, tags: definition.tags, keyColumn: definition.keyColumn,
    definition: { columns: definition.columns },
  };
}

const duplicateName = (name: string) => new AppError('CONFLICT', `A report named "${name}" already exists.`);

/** Validates and saves a new custom report for the workspace. */
export async function createCustomReport(db: Database, workspaceId: string, input: unknown): Promise<ReportDefinition> {
  const definition = parseCustomReport(input);
  const row = await reports.insertCustomReport(db, workspaceId, valuesOf(definition));
  if (!row) throw duplicateName(definition.name);
  return describeCustomReport(row);
}

/** Validates and replaces a custom report's definition. */
export async function updateCustomReport(db: Database, workspaceId: string, reportId: string, input: unknown): Promise<ReportDefinition> {
  const definition = parseCustomReport(input);
  const result = await reports.updateCustomReport(db, workspaceId, reportId, valuesOf(definition));
  if (result === 'duplicate-name') throw duplicateName(definition.name);
  if (result === 'not-found') throw new AppError('NOT_FOUND', 'No such report in this workspace.');
  return describeCustomReport(result);
}

/** Deletes a custom report of the workspace. */
export async function deleteCustomReport(db: Database, workspaceId: string, reportId: string): Promise<void> {
  if (!isUuid(reportId) || !(await reports.deleteCustomReport(db, workspaceId, reportId))) {
    throw new AppError('NOT_FOUND', 'No such report in this workspace.');
  }
}

/** Custom report ids are uuids; anything else cannot name one (and must not reach a uuid comparison). */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
