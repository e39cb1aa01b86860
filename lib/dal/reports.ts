import 'server-only';
import type { Readable } from 'node:stream';
import type { Ctx } from '@/lib/auth/session';
import { addReportTag, listReports, loadReport, removeReportTag } from '@/lib/insights/catalog';
import { reportChart, type ReportChart } from '@/lib/insights/charts';
import type { ReportDefinition } from '@/lib/insights/columns';
import { exportReportCsv, type ReportCsv } from '@/lib/insights/csv-export';
import { importEventsCsv, type CsvImportResult } from '@/lib/insights/csv-import';
import type { CustomReportDefinition } from '@/lib/insights/custom-report-schema';
import { createCustomReport, customDefinitionOf, deleteCustomReport, isUuid, updateCustomReport } from '@/lib/insights/custom-reports';
import { AppError } from '@/lib/errors';
import { previewReport, type PreviewOptions, type ReportPreview } from '@/lib/insights/report-rows';
import { findCustomReport } from '@/db/queries/insights-reports';
import { audit } from './guards';

// Members work with reports (create, edit, delete, tag, import), so nothing here is admin-only; every call is
// scoped to the caller's workspace. Insights throws AppErrors, whose messages the UI can show as they are.

const notFound = () => new AppError('NOT_FOUND', 'No such report in this workspace.');

/** The workspace's report catalog: built-ins first, then custom reports by name. */
export function listWorkspaceReports(ctx: Ctx): Promise<ReportDefinition[]> {
  return listReports(ctx.db, ctx.user.workspaceId);
}

// The preview page tells a missing report (NOT_FOUND) from a hand-edited sort or page (VALIDATION, shown as a
// message), and the CSV route answers with the error's own status.

/** One page of a report's rows with its total. */
export function previewWorkspaceReport(ctx: Ctx, reportId: string, options: PreviewOptions): Promise<ReportPreview> {
  return previewReport(ctx.db, ctx.user.workspaceId, reportId, options);
}

/** The report's chart, or null when it has none. */
export function workspaceReportChart(ctx: Ctx, reportId: string, asOf: Date): Promise<ReportChart | null> {
  return reportChart(ctx.db, ctx.user.workspaceId, reportId, { asOf });
}

/** The whole report as a CSV stream. */
export function exportWorkspaceReportCsv(ctx: Ctx, reportId: string): Promise<ReportCsv> {
  return exportReportCsv(ctx.db, ctx.user.workspaceId, reportId);
}

/** A custom report's stored definition, for the edit form; NOT_FOUND for built-ins and other workspaces. */
export async function getCustomReport(ctx: Ctx, reportId: string): Promise<{ id: string; definition: CustomReportDefinition }> {
  if (!isUuid(reportId)) throw notFound();
  const row = await findCustomReport(ctx.db, ctx.user.workspaceId, reportId);
  if (!row) throw notFound();
  return { id: row.id, definition: customDefinitionOf(row) };
}

export async function createReport(ctx: Ctx, input: CustomReportDefinition): Promise<ReportDefinition> {
  const report = await createCustomReport(ctx.db, ctx.user.workspaceId, input);
  await audit(ctx, 'report.create', 'report', report.id, `Created custom report "${report.name}" with ${report.columns.length} columns`);
  return report;
}

export async function updateReport(ctx: Ctx, reportId: string, input: CustomReportDefinition): Promise<ReportDefinition> {
  // The query compares ids as uuids; anything else cannot be a custom report of this workspace.
  if (!isUuid(reportId)) throw notFound();
  const report = await updateCustomReport(ctx.db, ctx.user.workspaceId, reportId, input);
  await audit(ctx, 'report.edit', 'report', report.id, `Edited custom report "${report.name}"`);
  return report;
}

export async function deleteReport(ctx: Ctx, reportId: string): Promise<void> {
  const { definition } = await loadReport(ctx.db, ctx.user.workspaceId, reportId);
  if (definition.builtIn) throw new AppError('VALIDATION', 'Built-in reports cannot be deleted.');
  await deleteCustomReport(ctx.db, ctx.user.workspaceId, reportId);
  await audit(ctx, 'report.delete', 'report', reportId, `Deleted custom report "${definition.name}"`);
}

export async function addTag(ctx: Ctx, reportId: string, tag: string): Promise<string[]> {
  const tags = await addReportTag(ctx.db, ctx.user.workspaceId, reportId, tag);
  await audit(ctx, 'report.tag', 'report', reportId, `Added tag ${tag.trim().toLowerCase()}`);
  return tags;
}

export async function removeTag(ctx: Ctx, reportId: string, tag: string): Promise<string[]> {
  const tags = await removeReportTag(ctx.db, ctx.user.workspaceId, reportId, tag);
  await audit(ctx, 'report.untag', 'report', reportId, `Removed tag ${tag.trim().toLowerCase()}`);
  return tags;
}

/** Rejected lines kept and shown; the rest are only counted, so a file of bad lines cannot fill memory or the page. */
export const SHOWN_REJECTED_LINES = 100;

/** Imports a CSV of events into the caller's workspace, streaming it through the shared validation. */
export async function importEvents(ctx: Ctx, csv: Readable, fileName: string): Promise<CsvImportResult> {
  const result = await importEventsCsv(ctx.db, ctx.user.workspaceId, csv, new Date(), { keepRejected: SHOWN_REJECTED_LINES });
  await audit(ctx, 'events.import', 'workspace', ctx.user.workspaceId,
    `Imported ${fileName}: ${result.accepted} accepted, ${result.duplicates} duplicates, ${result.rejectedTotal} rejected`);
  return result;
}
