import 'server-only';
import type { PgBoss } from 'pg-boss';
import { listActions, listConnectors } from '@/db/queries/connectors';
import type { Ctx } from '@/lib/auth/session';
import { templateTokens } from '@/lib/connectors/templating';
import { AppError, type FieldErrors } from '@/lib/errors';
import { getReportDefinition, listReports } from '@/lib/insights/catalog';
import { SALESFORCE_TAG } from '@/lib/insights/builtin-reports';
import type { ReportDefinition } from '@/lib/insights/columns';
import { checkMapping, type MappingProblem } from '@/lib/integrations/check-mapping';
import type { IntegrationInput, SalesforceIntegrationInput } from '@/lib/integrations/schema';
import { getSalesforceSettings } from '@/lib/salesforce/app-settings';
import { createSalesforceClient } from '@/lib/salesforce/jsforce-client';
import type { SalesforceSettings } from '@/lib/salesforce/settings';
import { previewConnectorRun, type ConnectorPreviewResult } from '@/lib/sync/connector-preview';
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

/** A report the wizard offers, with its columns and default key column; `salesforce` when made for Salesforce integrations. */
export type WizardReport = Pick<ReportDefinition, 'id' | 'name' | 'keyColumn' | 'columns'> & { salesforce: boolean };

/** A JSON event or external action as screen 2 offers it: its payload's {{tokens}}, no URL headers or secrets. */
export interface WizardAction {
  id: string;
  name: string;
  /** "POST /v1/hooks/renewal" for an external action; "JSON event" for Qualtrics. */
  call: string;
  /** The payload template's {{tokens}}: each needs a report column. Empty when the keys are free. */
  tokens: string[];
  /** True for a `{ }` payload: a call that only triggers, with no values. */
  triggerOnly: boolean;
}

/** The Qualtrics connection or a connector to an HTTP system, with its JSON events or actions. */
export interface WizardConnector {
  id: string;
  kind: 'qualtrics' | 'http';
  name: string;
  /** The system's host, for HTTP connectors. */
  host: string | null;
  actions: WizardAction[];
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}`;
  } catch {
    return url;
  }
}

/** The workspace's connectors with their JSON events and actions, for screen 1 and 2 (members may use them). */
export async function listWizardConnectors(ctx: Ctx): Promise<WizardConnector[]> {
  const [connectors, actions] = await Promise.all([listConnectors(ctx.db, ctx.user.workspaceId), listActions(ctx.db, ctx.user.workspaceId)]);
  return connectors.map((c) => ({
    id: c.id, kind: c.kind, name: c.kind === 'qualtrics' ? 'Qualtrics' : c.name,
    host: c.baseUrl ? (() => { try { return new URL(c.baseUrl).host; } catch { return null; } })() : null,
    actions: actions.filter((a) => a.connectorId === c.id).map((a) => ({
      id: a.id, name: a.name, call: c.kind === 'qualtrics' ? 'JSON event' : `${a.method} ${a.url.startsWith('/') ? a.url : pathOf(a.url)}`,
      tokens: [...new Set(templateTokens(a.payloadTemplate).map((t) => t.name))], triggerOnly: a.payloadTemplate.replace(/\s/g, '') === '{}',
    })),
  }));
}

/**
 * What both wizard pages load: connected accounts only, the connectors with their JSON events and actions,
 * and every report (Salesforce destinations offer those made for Salesforce integrations).
 */
export async function loadWizardChoices(ctx: Ctx): Promise<{ accounts: WizardAccount[]; connectors: WizardConnector[]; reports: WizardReport[] }> {
  const [accounts, connectors, reports] = await Promise.all([listAccountsForDisplay(ctx), listWizardConnectors(ctx), listReports(ctx.db, ctx.user.workspaceId)]);
  return {
    accounts: accounts.filter((a) => a.status === 'connected').map((a) => ({
      id: a.id, environment: a.environment, username: a.username, orgName: a.orgName, orgId: a.orgId, instanceUrl: a.instanceUrl,
    })),
    connectors,
    reports: reports.map((r) => ({ id: r.id, name: r.name, keyColumn: r.keyColumn, columns: r.columns, salesforce: r.tags.includes(SALESFORCE_TAG) })),
  };
}

/** The reports the wizard offers: those made for Salesforce integrations (tagged integrations_salesforce). */
export async function listWizardReports(ctx: Ctx): Promise<ReportDefinition[]> {
  return listReports(ctx.db, ctx.user.workspaceId, { tag: SALESFORCE_TAG });
}

/** Where a describe problem belongs in the wizard's form: beside the row it is about (`mappings.2.field`). */
function problemPath(problem: MappingProblem, input: SalesforceIntegrationInput): string {
  if (problem.code === 'NO_KEYS') return 'keys';
  if (problem.code === 'NO_MAPPINGS') return 'mappings';
  const list = problem.part === 'key' ? 'keys' : 'mappings';
  const rows = problem.part === 'key' ? input.keys : input.mappings;
  const index = rows.findIndex((r) => r.column === problem.column && r.field === problem.field);
  if (index < 0) return list;
  return `${list}.${index}.${problem.code === 'COLUMN_NOT_FOUND' ? 'column' : 'field'}`;
}

/**
 * Saves the wizard: the shared schema has already been checked by the action. For Salesforce this checks the
 * pairs against the report's columns and the object's current describe (fields exist, can be updated, accept
 * the column's type, keys can be searched), answering each problem beside its row, then creates or updates.
 * A connector destination's mapping and filter are checked against the report and the action's tokens by
 * createIntegration/updateIntegration.
 */
export async function saveWizardIntegration(
  ctx: Ctx, target: { id?: string; expectedVersion?: number }, input: IntegrationInput, settings?: SalesforceSettings, boss?: PgBoss,
): Promise<IntegrationDetail> {
  if (input.destination === 'connector') {
    return target.id ? updateIntegration(ctx, target.id, input, target.expectedVersion, boss) : createIntegration(ctx, input, boss);
  }
  const report = await getReportDefinition(ctx.db, ctx.user.workspaceId, input.reportId);
  // Fresh, not cached: a field deleted in Salesforce since the wizard loaded must be refused here, not at the run.
  const describe = await describeTargetObject(ctx, { accountId: input.accountId, objectName: input.objectName, refresh: true }, settings);
  const problems = checkMapping(input, report.columns, describe);
  if (problems.length > 0) {
    const fieldErrors: FieldErrors = {};
    for (const problem of problems) (fieldErrors[problemPath(problem, input)] ??= []).push(problem.message);
    throw new AppError('VALIDATION', problems.length === 1 ? problems[0].message : `${problems.length} rows need attention; each says what to change.`, { fieldErrors });
  }
  return target.id ? updateIntegration(ctx, target.id, input, target.expectedVersion, boss) : createIntegration(ctx, input, boss);
}

/**
 * "Preview changes": the engine's dry run of the form as it stands (saved or not), nothing written or sent.
 * For a saved integration, rows unchanged since its last accepted push count as unchanged, as in a run.
 */
export async function previewWizardIntegration(ctx: Ctx, input: IntegrationInput, integrationId?: string, settings?: SalesforceSettings): Promise<PreviewResult | ConnectorPreviewResult> {
  if (input.destination === 'connector') {
    return previewConnectorRun({ db: ctx.db, clock: () => new Date() }, {
      workspaceId: ctx.user.workspaceId,
      integration: { connectorId: input.connectorId, actionId: input.actionId, reportId: input.reportId, mappings: input.mappings, filters: input.filters, sendUnchanged: input.sendUnchanged, integrationId },
    });
  }
  const resolved = settings ?? await getSalesforceSettings();
  return previewRun(
    { db: ctx.db, clock: () => new Date(), salesforceFor: (workspaceId, accountId) => createSalesforceClient(ctx.db, resolved, workspaceId, accountId) },
    { workspaceId: ctx.user.workspaceId, integration: { accountId: input.accountId, reportId: input.reportId, objectName: input.objectName, keys: input.keys, mappings: input.mappings, integrationId } },
  );
}
