import 'server-only';
import type { PgBoss } from 'pg-boss';
import { uniqueViolation } from '@/db/errors';
import * as q from '@/db/queries/integrations';
import { getActiveRun, getRun, listRuns } from '@/db/queries/integration-runs';
import { actionLabel, getActionWithConnector, listActionLabels } from '@/db/queries/connectors';
import { getSalesforceAccount } from '@/db/queries/salesforce-accounts';
import type { ColumnFieldPair, DestinationKind, RowFilter, RunStatus, SalesforceEnvironment } from '@/db/schema';
import type { Ctx } from '@/lib/auth/session';
import { AppError, isAppError, notFound, type FieldErrors } from '@/lib/errors';
import { listReports, getReportDefinition } from '@/lib/insights/catalog';
import { payloadFieldProblems } from '@/lib/connectors/row-payload';
import { integrationSchema, type IntegrationFormValues, type IntegrationInput } from '@/lib/integrations/schema';
import { nextRun } from '@/lib/integrations/schedule';
import { removeIntegrationSchedule, syncIntegrationSchedule } from '@/lib/integrations/schedules';
import { startRun } from '@/lib/runs/start-run';
import { runView, type RunView } from '@/lib/runs/view';
import { getBoss } from '@/lib/runtime';
import { audit, requireAdmin } from './guards';

// Members create, edit, run, pause and resume integrations; only admins delete them. Every call is scoped to
// the caller's workspace, and every change is audited. Changes keep the integration's pg-boss schedule in step;
// `boss` defaults to the process's own (tests pass theirs).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const missing = () => notFound('That integration');

/** One row of the Integrations grid. */
export interface IntegrationGridRow {
  id: string;
  name: string;
  reportId: string;
  reportName: string;
  objectName: string | null;
  /** 'salesforce', 'qualtrics' (a JSON event) or 'action' (an external action). */
  destinationKind: DestinationKind;
  /** For Qualtrics and external-action destinations: where rows go ("Qualtrics · NPS follow-up"); null for Salesforce. */
  destinationLabel: string | null;
  environment: SalesforceEnvironment | null;
  accountUsername: string | null;
  /** False when the account needs reconnecting or was disconnected: runs would fail. */
  accountConnected: boolean;
  scheduleCron: string;
  scheduleTimezone: string;
  enabled: boolean;
  version: number;
  lastRun: { id: string; status: RunStatus; at: Date; rejected: number; message: string | null } | null;
  /** When the schedule fires next; null while paused. */
  nextRunAt: Date | null;
  activeRun: { id: string; status: RunStatus; rowsProcessed: number; rowsToProcess: number | null; startedAt: Date | null } | null;
}

/** An integration as the wizard edits it. */
export interface IntegrationDetail {
  /** 'salesforce', or a connector destination: 'qualtrics' (a JSON event) or 'action' (an external action). */
  destinationKind: DestinationKind;
  id: string;
  name: string;
  accountId: string | null;
  reportId: string;
  objectName: string | null;
  /** Connector destinations: the JSON event or action (null once deleted) and the connector it belongs to. */
  actionId: string | null;
  connectorId: string | null;
  keys: ColumnFieldPair[];
  mappings: ColumnFieldPair[];
  filters: RowFilter[];
  sendUnchanged: boolean;
  scheduleCron: string;
  scheduleTimezone: string;
  enabled: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const detailOf = (r: q.IntegrationRow, connectorId: string | null = null): IntegrationDetail => ({
  id: r.id, name: r.name, destinationKind: r.destinationKind, accountId: r.accountId, reportId: r.reportId, objectName: r.objectName,
  actionId: r.actionId, connectorId, keys: r.keys, mappings: r.mappings, filters: r.filters, sendUnchanged: r.sendUnchanged,
  scheduleCron: r.scheduleCron, scheduleTimezone: r.scheduleTimezone, enabled: r.enabled,
  version: r.version, createdAt: r.createdAt, updatedAt: r.updatedAt,
});

function nextRunOf(row: q.IntegrationRow, now: Date): Date | null {
  return row.enabled ? nextRun(row.scheduleCron, row.scheduleTimezone, now) : null;
}

/** The workspace's integrations for the grid, by name. */
export async function listIntegrations(ctx: Ctx, now: Date = new Date()): Promise<IntegrationGridRow[]> {
  const ws = ctx.user.workspaceId;
  const rows = await q.listIntegrationsWithAccount(ctx.db, ws);
  const ids = rows.map((r) => r.integration.id);
  const [latest, finished, reports, actions] = await Promise.all([
    q.latestRuns(ctx.db, ws, ids), q.latestFinishedRuns(ctx.db, ws, ids), listReports(ctx.db, ws), listActionLabels(ctx.db, ws),
  ]);
  const activeBy = new Map(latest.filter((r) => r.status === 'queued' || r.status === 'running').map((r) => [r.integrationId, r]));
  const finishedBy = new Map(finished.map((r) => [r.integrationId, r]));
  const reportName = new Map(reports.map((r) => [r.id, r.name]));
  return rows.map(({ integration: i, account }) => {
    const last = finishedBy.get(i.id);
    const active = activeBy.get(i.id);
    return {
      id: i.id, name: i.name, reportId: i.reportId, reportName: reportName.get(i.reportId) ?? 'Report not found',
      objectName: i.objectName, destinationKind: i.destinationKind, environment: account?.environment ?? null, accountUsername: account?.username ?? null,
      destinationLabel: i.destinationKind === 'salesforce' ? null : (i.actionId ? actions.get(i.actionId) : null) ?? 'Deleted action',
      accountConnected: i.destinationKind === 'salesforce' ? account?.status === 'connected' : true, scheduleCron: i.scheduleCron, scheduleTimezone: i.scheduleTimezone,
      enabled: i.enabled, version: i.version,
      lastRun: last ? { id: last.id, status: last.status, at: last.finishedAt ?? last.queuedAt, rejected: last.rejectedCount, message: last.message } : null,
      nextRunAt: nextRunOf(i, now),
      activeRun: active ? { id: active.id, status: active.status, rowsProcessed: active.rowsProcessed, rowsToProcess: active.rowsToProcess, startedAt: active.startedAt } : null,
    };
  });
}

/** One integration of the workspace, for the wizard's edit mode. */
export async function getIntegrationDetail(ctx: Ctx, id: string): Promise<IntegrationDetail> {
  const row = UUID.test(id) ? await q.getIntegration(ctx.db, ctx.user.workspaceId, id) : null;
  if (!row) throw missing();
  const found = row.actionId ? await getActionWithConnector(ctx.db, ctx.user.workspaceId, row.actionId) : null;
  return detailOf(row, found?.connector.id ?? null);
}

/** An integration as checked, with what it sends to: the account's, or the action's and its connector's. */
type Checked =
  | { value: Extract<IntegrationInput, { destination: 'salesforce' }>; kind: 'salesforce'; target: string }
  | { value: Extract<IntegrationInput, { destination: 'connector' }>; kind: 'qualtrics' | 'action'; target: string };

const validation = (message: string | undefined, fieldErrors: FieldErrors) => new AppError('VALIDATION', message, { fieldErrors });

/**
 * Parses with the shared schema (the server's re-check), then checks the account, or the JSON event or action,
 * and the report are the workspace's. For a connector destination it also checks the mapping and the filter
 * against the report's columns and the action's {{tokens}}, each problem keyed to its row.
 */
async function checkInput(ctx: Ctx, input: IntegrationFormValues): Promise<Checked> {
  const parsed = integrationSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: FieldErrors = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join('.') || 'form'] ??= []).push(issue.message);
    throw validation(undefined, fieldErrors);
  }
  const value = parsed.data;
  let report;
  try {
    report = await getReportDefinition(ctx.db, ctx.user.workspaceId, value.reportId);
  } catch (error) {
    if (!isAppError(error, 'NOT_FOUND')) throw error;
    throw validation('That report is not in this workspace. Choose another report.', { reportId: ['Choose a report.'] });
  }
  if (value.destination === 'salesforce') {
    const account = await getSalesforceAccount(ctx.db, ctx.user.workspaceId, value.accountId);
    if (!account) throw validation('That Salesforce account is not connected to this workspace. Choose another account.', { accountId: ['Choose a connected account.'] });
    return { value, kind: 'salesforce', target: value.objectName };
  }
  const found = await getActionWithConnector(ctx.db, ctx.user.workspaceId, value.actionId);
  if (!found) {
    throw validation('That JSON event or action is not in this workspace. Choose one from the list on screen 2.', { actionId: ['Choose one of your JSON events or actions.'] });
  }
  if (found.connector.id !== value.connectorId) {
    throw validation(`“${found.action.name}” belongs to another connector than the one chosen on screen 1. Choose one of its JSON events or actions.`, { actionId: ['Choose one of the chosen connector\'s JSON events or actions.'] });
  }
  const problems = payloadFieldProblems(report, found.action.payloadTemplate, value.mappings, value.filters);
  if (problems.length > 0) {
    const fieldErrors: FieldErrors = {};
    for (const p of problems) (fieldErrors[p.path] ??= []).push(p.message);
    throw validation(problems.length === 1 ? problems[0].message : `${problems.length} rows need attention; each says what to change.`, fieldErrors);
  }
  const kind = found.connector.kind === 'qualtrics' ? 'qualtrics' : 'action';
  return { value, kind, target: actionLabel({ kind: found.connector.kind, connector: found.connector.name, action: found.action.name }) };
}

const nameTaken = (name: string, error: unknown) =>
  new AppError('CONFLICT', `An integration named "${name}" already exists. Choose another name.`, { fieldErrors: { name: ['This name is already used.'] }, cause: error });

/** Every column of the destination, so an edit that changes the destination clears the other kind's parts. */
function valuesOf({ value: v, kind }: Checked): q.IntegrationValues {
  const common = { name: v.name, reportId: v.reportId, mappings: v.mappings, scheduleCron: v.scheduleCron, scheduleTimezone: v.scheduleTimezone, enabled: v.enabled };
  if (v.destination === 'salesforce') {
    return { ...common, destinationKind: 'salesforce', accountId: v.accountId, objectName: v.objectName, keys: v.keys, actionId: null, filters: [], sendUnchanged: false };
  }
  return { ...common, destinationKind: kind, accountId: null, objectName: null, keys: [], actionId: v.actionId, filters: v.filters, sendUnchanged: v.sendUnchanged };
}

/** What the audit entry keeps of an integration's settings. */
const auditDetails = (row: q.IntegrationRow) => (row.destinationKind === 'salesforce'
  ? { keys: row.keys, mappings: row.mappings, schedule: `${row.scheduleCron} ${row.scheduleTimezone}`, enabled: row.enabled }
  : { actionId: row.actionId, mappings: row.mappings, filters: row.filters, sendUnchanged: row.sendUnchanged, schedule: `${row.scheduleCron} ${row.scheduleTimezone}`, enabled: row.enabled });

/** Creates an integration at version 1; names are unique per workspace (ignoring case). */
export async function createIntegration(ctx: Ctx, input: IntegrationFormValues, boss?: PgBoss): Promise<IntegrationDetail> {
  const checked = await checkInput(ctx, input);
  let row: q.IntegrationRow;
  try {
    row = await q.insertIntegration(ctx.db, ctx.user.workspaceId, ctx.user.userId, valuesOf(checked));
  } catch (error) {
    if (uniqueViolation(error) === 'integrations_workspace_name_unique') throw nameTaken(checked.value.name, error);
    throw error;
  }
  await audit(ctx, 'integration.create', 'integration', row.id, `Created integration "${row.name}" (${row.reportId} to ${checked.target})`, auditDetails(row));
  await syncIntegrationSchedule(boss ?? await getBoss(), row);
  return detailOf(row, checked.value.destination === 'connector' ? checked.value.connectorId : null);
}

/**
 * Saves an edit and raises the version. With `expectedVersion` (the version the form was opened at), an edit
 * saved by someone else meanwhile is refused with CONFLICT instead of being overwritten.
 */
export async function updateIntegration(ctx: Ctx, id: string, input: IntegrationFormValues, expectedVersion?: number, boss?: PgBoss): Promise<IntegrationDetail> {
  const before = UUID.test(id) ? await q.getIntegration(ctx.db, ctx.user.workspaceId, id) : null;
  if (!before) throw missing();
  const checked = await checkInput(ctx, input);
  let row: q.IntegrationRow | null;
  try {
    row = await q.updateIntegration(ctx.db, ctx.user.workspaceId, id, valuesOf(checked), expectedVersion);
  } catch (error) {
    if (uniqueViolation(error) === 'integrations_workspace_name_unique') throw nameTaken(checked.value.name, error);
    throw error;
  }
  if (!row) {
    if (!(await q.getIntegration(ctx.db, ctx.user.workspaceId, id))) throw missing();
    throw new AppError('CONFLICT', `Someone saved a change to "${before.name}" after you opened it. Reload to see it, then make your edit again.`);
  }
  await audit(ctx, 'integration.edit', 'integration', row.id, `Edited integration "${row.name}" (now version ${row.version}, to ${checked.target})`, auditDetails(row));
  await syncIntegrationSchedule(boss ?? await getBoss(), row);
  return detailOf(row, checked.value.destination === 'connector' ? checked.value.connectorId : null);
}

/** Pauses (no scheduled runs) or resumes an integration. */
export async function setIntegrationEnabled(ctx: Ctx, id: string, enabled: boolean, boss?: PgBoss): Promise<IntegrationDetail> {
  const row = UUID.test(id) ? await q.setIntegrationEnabled(ctx.db, ctx.user.workspaceId, id, enabled) : null;
  if (!row) throw missing();
  await audit(ctx, enabled ? 'integration.resume' : 'integration.pause', 'integration', row.id,
    `${enabled ? 'Resumed' : 'Paused'} integration "${row.name}"`);
  await syncIntegrationSchedule(boss ?? await getBoss(), row);
  return detailOf(row);
}

/** Deletes an integration with its run history; admins only, and not while it runs. */
export async function deleteIntegration(ctx: Ctx, id: string, boss?: PgBoss): Promise<void> {
  requireAdmin(ctx, 'delete integrations');
  const row = UUID.test(id) ? await q.getIntegration(ctx.db, ctx.user.workspaceId, id) : null;
  if (!row) throw missing();
  if (await getActiveRun(ctx.db, ctx.user.workspaceId, id)) {
    throw new AppError('CONFLICT', `"${row.name}" is running. Wait for the run to finish, then delete the integration.`);
  }
  const deleted = await q.deleteIntegration(ctx.db, ctx.user.workspaceId, id);
  if (!deleted) throw missing();
  await audit(ctx, 'integration.delete', 'integration', id, `Deleted integration "${row.name}"`);
  await removeIntegrationSchedule(boss ?? await getBoss(), id);
}

/**
 * Run Now: starts a run through the same startRun as the schedule and the API. CONFLICT while one is active
 * (queued or running), with the message the page shows.
 */
export async function runIntegrationNow(ctx: Ctx, id: string, options: { fullResync?: boolean } = {}, boss?: PgBoss): Promise<RunView> {
  const run = await startRun(ctx.db, boss ?? await getBoss(), {
    workspaceId: ctx.user.workspaceId, integrationId: id, trigger: 'manual', triggeredBy: ctx.user.userId, fullResync: options.fullResync,
  });
  const integration = await q.getIntegration(ctx.db, ctx.user.workspaceId, id);
  await audit(ctx, 'integration.run', 'integration', id, `Started a run of "${integration?.name ?? id}"${options.fullResync ? ' (full resync)' : ''}`, { runId: run.id });
  return runView(run);
}

/** An integration's runs, newest first, for the Log overlay. */
export async function listIntegrationRuns(ctx: Ctx, integrationId: string, options: { limit?: number; offset?: number } = {}): Promise<RunView[]> {
  await getIntegrationDetail(ctx, integrationId);
  const now = new Date();
  return (await listRuns(ctx.db, ctx.user.workspaceId, integrationId, options)).map((r) => runView(r, now));
}

/** One run of the workspace. */
export async function getIntegrationRun(ctx: Ctx, runId: string): Promise<RunView> {
  const row = UUID.test(runId) ? await getRun(ctx.db, ctx.user.workspaceId, runId) : null;
  if (!row) throw notFound('That run');
  return runView(row);
}
