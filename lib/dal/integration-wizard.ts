import 'server-only';
import type { Ctx } from '@/lib/auth/session';
import { AppError, type FieldErrors } from '@/lib/errors';
import { getReportDefinition, listReports } from '@/lib/insights/catalog';
import { SALESFORCE_TAG } from '@/lib/insights/builtin-reports';
import type { ReportDefinition } from '@/lib/insights/columns';
import { checkMapping, type MappingProblem } from '@/lib/integrations/check-mapping';
import type { IntegrationInput } from '@/lib/integrations/schema';
import { getSalesforceSettings } from '@/lib/salesforce/app-settings';
import { createSalesforceClient } from '@/lib/salesforce/jsforce-client';
import type { SalesforceSettings } from '@/lib/salesforce/settings';
import { previewRun, type PreviewResult } from '@/lib/sync/preview';
import { createIntegration, updateIntegration, type IntegrationDetail } from './integrations';
import { listAccountsForDisplay } from './salesforce-accounts';
import { describeTargetObject } from './salesforce-metadata';

/** A connected account as screen 1 shows it. */
export interface WizardAccount {
  id: string;
  environment: 'sandbox' | 'production';
  username: string;
  orgName: string;
  orgId: string;
  instanceUrl: string;
}

/** A report the wizard offers, with its columns and default key column. */
export type WizardReport = Pick<ReportDefinition, 'id' | 'name' | 'keyColumn' | 'columns'>;

/** What both wizard pages load: connected accounts only, and the reports made for Salesforce integrations. */
export async function loadWizardChoices(ctx: Ctx): Promise<{ accounts: WizardAccount[]; reports: WizardReport[] }> {
  const [accounts, reports] = await Promise.all([listAccountsForDisplay(ctx), listWizardReports(ctx)]);
  return {
    accounts: accounts.filter((a) => a.status === 'connected').map((a) => ({
      id: a.id, environment: a.environment, username: a.username, orgName: a.orgName, orgId: a.orgId, instanceUrl: a.instanceUrl,
    })),
    reports: reports.map((r) => ({ id: r.id, name: r.name, keyColumn: r.keyColumn, columns: r.columns })),
  };
}

/** The reports the wizard offers: those made for Salesforce integrations (tagged integrations_salesforce). */
export async function listWizardReports(ctx: Ctx): Promise<ReportDefinition[]> {
  return listReports(ctx.db, ctx.user.workspaceId, { tag: SALESFORCE_TAG });
}

/** Where a describe problem belongs in the wizard's form: beside the row it is about (`mappings.2.field`). */
function problemPath(problem: MappingProblem, input: IntegrationInput): string {
  if (problem.code === 'NO_KEYS') return 'keys';
  if (problem.code === 'NO_MAPPINGS') return 'mappings';
  const list = problem.part === 'key' ? 'keys' : 'mappings';
  const rows = problem.part === 'key' ? input.keys : input.mappings;
  const index = rows.findIndex((r) => r.column === problem.column && r.field === problem.field);
  if (index < 0) return list;
  return `${list}.${index}.${problem.code === 'COLUMN_NOT_FOUND' ? 'column' : 'field'}`;
}

/**
 * Saves the wizard: the shared schema has already been checked by the action; this checks the pairs against
 * the report's columns and the object's current describe (fields exist, can be updated, accept the column's
 * type, keys can be searched), answering each problem beside its row, then creates or updates.
 */
export async function saveWizardIntegration(
  ctx: Ctx, target: { id?: string; expectedVersion?: number }, input: IntegrationInput, settings?: SalesforceSettings,
): Promise<IntegrationDetail> {
  const report = await getReportDefinition(ctx.db, ctx.user.workspaceId, input.reportId);
  // Fresh, not cached: a field deleted in Salesforce since the wizard loaded must be refused here, not at the run.
  const describe = await describeTargetObject(ctx, { accountId: input.accountId, objectName: input.objectName, refresh: true }, settings);
  const problems = checkMapping(input, report.columns, describe);
  if (problems.length > 0) {
    const fieldErrors: FieldErrors = {};
    for (const problem of problems) (fieldErrors[problemPath(problem, input)] ??= []).push(problem.message);
    throw new AppError('VALIDATION', problems.length === 1 ? problems[0].message : `${problems.length} rows need attention; each says what to change.`, { fieldErrors });
  }
  return target.id ? updateIntegration(ctx, target.id, input, target.expectedVersion) : createIntegration(ctx, input);
}

/**
 * "Preview changes": the engine's dry run of the form as it stands (saved or not), nothing written. For a
 * saved integration, rows unchanged since its last accepted push count as unchanged, as in a run.
 */
export async function previewWizardIntegration(ctx: Ctx, input: IntegrationInput, integrationId?: string, settings?: SalesforceSettings): Promise<PreviewResult> {
  const resolved = settings ?? await getSalesforceSettings();
  return previewRun(
    { db: ctx.db, clock: () => new Date(), salesforceFor: (workspaceId, accountId) => createSalesforceClient(ctx.db, resolved, workspaceId, accountId) },
    { workspaceId: ctx.user.workspaceId, integration: { accountId: input.accountId, reportId: input.reportId, objectName: input.objectName, keys: input.keys, mappings: input.mappings, integrationId } },
  );
}
