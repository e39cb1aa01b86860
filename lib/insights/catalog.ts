import type { Database } from '@/db/client';
import * as reports from '@/db/queries/insights-reports';
import { getWorkspace } from '@/db/queries/workspaces';
import { resolveWorkspaceSettings, type WorkspaceSettings } from '@/db/schema';
import { BUILT_IN_REPORTS, findBuiltInReport, type BuiltInReport } from './builtin-reports';
import type { CompiledReport, ReportDefinition } from './columns';
import { compileCustomReport } from './custom-report-sql';
import { customDefinitionOf, describeCustomReport, isUuid } from './custom-reports';
import { tagSchema } from './custom-report-schema';
import { AppError } from '@/lib/errors';

const notFound = () => new AppError('NOT_FOUND', 'No such report in this workspace.');

async function settingsOf(db: Database, workspaceId: string): Promise<WorkspaceSettings> {
  const workspace = await getWorkspace(db, workspaceId);
  if (!workspace) throw notFound();
  return resolveWorkspaceSettings(workspace.settings ?? {});
}

function describeBuiltIn(report: BuiltInReport, tags: Map<string, string[]>): ReportDefinition {
  return {
    id: report.id, name: report.name, description: report.description, builtIn: true,
    tags: tags.get(report.id) ?? report.defaultTags, keyColumn: report.keyColumn, columns: report.columns,
  };
}

/**
 * The workspace's reports: built-ins first (TeachMe only when the workspace enables it), then custom
 * reports by name. With `tag`, only reports carrying it, e.g. `integrations_salesforce` for the wizard.
 */
export async function listReports(db: Database, workspaceId: string, options: { tag?: string } = {}): Promise<ReportDefinition[]> {
  const settings = await settingsOf(db, workspaceId);
  const tags = await reports.listBuiltInReportTags(db, workspaceId);
  const all = [
    ...BUILT_IN_REPORTS.filter((r) => r.enabled(settings)).map((r) => describeBuiltIn(r, tags)),
    ...(await reports.listCustomReports(db, workspaceId)).map(describeCustomReport),
  ];
  return options.tag === undefined ? all : all.filter((r) => r.tags.includes(options.tag!));
}

/** One report's definition (columns, types, key column, tags); REPORT_NOT_FOUND when the workspace lacks it. */
export async function getReportDefinition(db: Database, workspaceId: string, reportId: string): Promise<ReportDefinition> {
  return (await loadReport(db, workspaceId, reportId)).definition;
}

/** A report ready to run: its definition and a compiler for a given asOf. */
export interface LoadedReport {
  definition: ReportDefinition;
  settings: WorkspaceSettings;
  compile(asOf: Date): CompiledReport;
}

/** Finds a report of the workspace and prepares its SQL; disabled built-ins (TeachMe) count as missing. */
export async function loadReport(db: Database, workspaceId: string, reportId: string): Promise<LoadedReport> {
  const settings = await settingsOf(db, workspaceId);
  const builtIn = findBuiltInReport(reportId);
  if (builtIn) {
    if (!builtIn.enabled(settings)) throw notFound();
    const definition = describeBuiltIn(builtIn, await reports.listBuiltInReportTags(db, workspaceId));
    return { definition, settings, compile: (asOf) => builtIn.compile({ workspaceId, asOf, settings }) };
  }
  if (!isUuid(reportId)) throw notFound();
  const row = await reports.findCustomReport(db, workspaceId, reportId);
  if (!row) throw notFound();
  const custom = customDefinitionOf(row);
  return {
    definition: describeCustomReport(row), settings,
    compile: (asOf) => compileCustomReport(custom, { workspaceId, asOf, settings }),
  };
}

function parseTag(tag: string): string {
  const parsed = tagSchema.safeParse(tag);
  if (!parsed.success) throw new AppError('VALIDATION', parsed.error.issues[0].message);
  return parsed.data;
}

async function setTags(db: Database, workspaceId: string, reportId: string, change: (tags: string[]) => string[]): Promise<string[]> {
  const { definition } = await loadReport(db, workspaceId, reportId);
  const tags = change(definition.tags);
  if (definition.builtIn) await reports.setBuiltInReportTags(db, workspaceId, reportId, tags);
  else if (!(await reports.setCustomReportTags(db, workspaceId, reportId, tags))) throw notFound();
  return tags;
}

/** Adds a tag to a report (built-in or custom); returns the report's tags. */
export async function addReportTag(db: Database, workspaceId: string, reportId: string, tag: string): Promise<string[]> {
  const clean = parseTag(tag);
  return setTags(db, workspaceId, reportId, (tags) => (tags.includes(clean) ? tags : [...tags, clean]));
}

/** Removes a tag from a report; removing `integrations_salesforce` hides it from the integration wizard. */
export async function removeReportTag(db: Database, workspaceId: string, reportId: string, tag: string): Promise<string[]> {
  const clean = parseTag(tag);
  return setTags(db, workspaceId, reportId, (tags) => tags.filter((t) => t !== clean));
}
