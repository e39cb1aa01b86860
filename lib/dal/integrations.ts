import 'server-only';
import type { PgBoss } from 'pg-boss';
import { uniqueViolation } from '@/db/errors';
import * as q from '@/db/queries/integrations';
import { getActiveRun, getRun, listRuns } from '@/db/queries/integration-runs';
import { listActionLabels } from '@/db/queries/connectors';
import { getSalesforceAccount } from '@/db/queries/salesforce-accounts';
import type { ColumnFieldPair, DestinationKind, RunStatus, SalesforceEnvironment } from '@/db/schema';
import type { Ctx } from '@/lib/auth/session';
import { AppError, isAppError, notFound, type FieldErrors } from '@/lib/errors';
import { listReports, getReportDefinition } from '@/lib/insights/catalog';
import { integrationSchema, type IntegrationFormValues, type IntegrationInput } from '@/lib/integrations/schema';
import { nextRuns } from '@/lib/integrations/schedule';
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
  /** For Qualtrics and external-action destinations: where rows go ("Qualtrics: NPS follow-up"); null for Salesforce. */
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
  /** 'salesforce', or a connector destination (Qualtrics JSON event, external action) the wizard does not edit. */
  destinationKind: DestinationKind;
  id: string;
  name: string;
  accountId: string | null;
  reportId: string;
  objectName: string | null;
  keys: ColumnFieldPair[];
  mappings: ColumnFieldPair[];
  scheduleCron: string;
  scheduleTimezone: string;
  enabled: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const detailOf = (r: q.IntegrationRow): IntegrationDetail => ({
  id: r.id, name: r.name, destinationKind: r.destinationKind, accountId: r.accountId, reportId: r.reportId, objectName: r.objectName, keys: r.keys,
  mappings: r.mappings, scheduleCron: r.scheduleCron, scheduleTimezone: r.scheduleTimezone, enabled: r.enabled,
  version: r.version, createdAt: r.createdAt, updatedAt: r.updatedAt,
});

function nextRunOf(row: q.IntegrationRow, now: Date): Date | null {
  if (!row.enabled) return null;
  try {
    return nextRuns(row.scheduleCron, row.scheduleTimezone, now)[0] ?? null;
  } catch {
    return null;
  }
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
      objectName: i.objectName, environment: account?.environment ?? null, accountUsername: account?.username ?? null,
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
  return detailOf(row);
}

/** Parses with the shared schema (the server's re-check), then checks the account and report are the workspace's. */
async function checkInput(ctx: Ctx, input: IntegrationFormValues): Promise<IntegrationInput> {
  const parsed = integrationSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: FieldErrors = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join('.') || 'form'] ??= []).push(issue.message);
    throw new AppError('VALIDATION', undefined, { fieldErrors });
  }
  const value = parsed.data;
  const account = await getSalesforceAccount(ctx.db, ctx.user.workspaceId, value.accountId);
  if (!account) {
    throw new AppError('VALIDATION', 'That Salesforce account is not connected to this workspace. Choose another account.', { fieldErrors: { accountId: ['Choose a connected account.'] } });
  }
  try {
    await getReportDefinition(ctx.db, ctx.user.workspaceId, value.reportId);
  } catch (error) {
    if (!isAppError(error, 'NOT_FOUND')) throw error;
    throw new AppError('VALIDATION', 'That report is not in this workspace. Choose another report.', { fieldErrors: { reportId: ['Choose a report.'] } });
  }
  return value;
}

const nameTaken = (name: string, error: unknown) =>
  new AppError('CONFLICT', `An integration named "${name}" already exists. Choose another name.`, { fieldErrors: { name: ['This name is already used.'] }, cause: error });

const valuesOf = (v: IntegrationInput): q.IntegrationValues => ({
  name: v.name, accountId: v.accountId, reportId: v.reportId, objectName: v.objectName, keys: v.keys, mappings: v.mappings,
  scheduleCron: v.scheduleCron, scheduleTimezone: v.scheduleTimezone, enabled: v.enabled,
});

/** Creates an integration at version 1; names are unique per workspace (ignoring case). */
export async function createIntegration(ctx: Ctx, input: IntegrationFormValues, boss?: PgBoss): Promise<IntegrationDetail> {
  const value = await checkInput(ctx, input);
  let row: q.IntegrationRow;
  try {
    row = await q.insertIntegration(ctx.db, ctx.user.workspaceId, ctx.user.userId, valuesOf(value));
  } catch (error) {
    if (uniqueViolation(error) === 'integrations_workspace_name_unique') throw nameTaken(value.name, error);
    throw error;
  }
  await audit(ctx, 'integration.create', 'integration', row.id, `Created integration "${row.name}" (${row.reportId} to ${row.objectName})`,
    { keys: row.keys, mappings: row.mappings, schedule: `${row.scheduleCron} ${row.scheduleTimezone}`, enabled: row.enabled });
  await syncIntegrationSchedule(boss ?? await getBoss(), row);
  return detailOf(row);
}

/**
 * Saves an edit and raises the version. With `expectedVersion` (the version the form was opened at), an edit
 * saved by someone else meanwhile is refused with CONFLICT instead of being overwritten.
 */
export async function updateIntegration(ctx: Ctx, id: string, input: IntegrationFormValues, expectedVersion?: number, boss?: PgBoss): Promise<IntegrationDetail> {
  const before = UUID.test(id) ? await q.getIntegration(ctx.db, ctx.user.workspaceId, id) : null;
  if (!before) throw missing();
  if (before.destinationKind !== 'salesforce') {
    throw new AppError('CONFLICT', `"${before.name}" sends to a connector, which the wizard does not edit. Re-create it on Connectors › Send a report.`);
  }
  const value = await checkInput(ctx, input);
  let row: q.IntegrationRow | null;
  try {
    row = await q.updateIntegration(ctx.db, ctx.user.workspaceId, id, valuesOf(value), expectedVersion);
  } catch (error) {
    if (uniqueViolation(error) === 'integrations_workspace_name_unique') throw nameTaken(value.name, error);
    throw error;
  }
  if (!row) {
    if (!(await q.getIntegration(ctx.db, ctx.user.workspaceId, id))) throw missing();
    throw new AppError('CONFLICT', `Someone saved a change to "${before.name}" after you opened it. Reload to see it, then make your edit again.`);
  }
  await audit(ctx, 'integration.edit', 'integration', row.id, `Edited integration "${row.name}" (now version ${row.version})`,
    { keys: row.keys, mappings: row.mappings, schedule: `${row.scheduleCron} ${row.scheduleTimezone}`, enabled: row.enabled });
  await syncIntegrationSchedule(boss ?? await getBoss(), row);
  return detailOf(row);
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
