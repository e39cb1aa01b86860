import 'server-only';
import type { PgBoss } from 'pg-boss';
import type { z } from 'zod';
import { uniqueViolation } from '@/db/errors';
import * as q from '@/db/queries/connectors';
import type { Ctx } from '@/lib/auth/session';
import { payloadProblems } from '@/lib/connectors/row-payload';
import type { connectorIntegrationSchema } from '@/lib/connectors/schemas';
import { AppError, isAppError, notFound } from '@/lib/errors';
import { getReportDefinition } from '@/lib/insights/catalog';
import { syncIntegrationSchedule } from '@/lib/integrations/schedules';
import { startRun } from '@/lib/runs/start-run';
import { getBoss } from '@/lib/runtime';
import { audit } from './guards';

// Members create and run integrations (product.md); sending to a connector action is no different.

/** Creates an integration that sends a report's rows to a Qualtrics JSON event or an external action. */
export async function createConnectorIntegration(ctx: Ctx, input: z.output<typeof connectorIntegrationSchema>, boss?: PgBoss) {
  const found = await q.getActionWithConnector(ctx.db, ctx.user.workspaceId, input.actionId);
  if (!found) throw new AppError('VALIDATION', 'That JSON event or action is not in your workspace.', { fieldErrors: { actionId: ['Choose one of your JSON events or actions.'] } });
  const report = await getReportDefinition(ctx.db, ctx.user.workspaceId, input.reportId).catch((error: unknown) => {
    if (isAppError(error, 'NOT_FOUND')) throw new AppError('VALIDATION', 'That report is not in this workspace. Choose another report.', { fieldErrors: { reportId: ['Choose a report.'] } });
    throw error;
  });
  const problems = payloadProblems(report, found.action.payloadTemplate, input.mappings, input.filters);
  if (problems.length) throw new AppError('VALIDATION', problems.join(' '));
  const row = await q.insertConnectorIntegration(ctx.db, {
    workspaceId: ctx.user.workspaceId, name: input.name, destinationKind: found.connector.kind === 'qualtrics' ? 'qualtrics' : 'action',
    actionId: found.action.id, reportId: report.id, mappings: input.mappings, filters: input.filters, sendUnchanged: input.sendUnchanged, createdBy: ctx.user.userId,
  }).catch((error: unknown) => {
    if (uniqueViolation(error) === 'integrations_workspace_name_unique') {
      throw new AppError('CONFLICT', `An integration named "${input.name}" already exists. Choose another name.`, { fieldErrors: { name: ['This name is already used.'] } });
    }
    throw error;
  });
  await audit(ctx, 'integration.create', 'integration', row.id, `Created integration "${row.name}" (${report.name} to ${found.action.name})`,
    { mappings: row.mappings, filters: row.filters, sendUnchanged: row.sendUnchanged });
  await syncIntegrationSchedule(boss ?? await getBoss(), row);
  return { id: row.id, name: row.name };
}

/** Integrations sending to connector actions, with the latest run, for the Connectors page. */
export async function listConnectorIntegrationsForDisplay(ctx: Ctx) {
  const rows = await q.listConnectorIntegrations(ctx.db, ctx.user.workspaceId);
  return rows.map(({ integration: i, lastRun: r }) => ({
    id: i.id, name: i.name, actionId: i.actionId, reportId: i.reportId, mappings: i.mappings, filters: i.filters, sendUnchanged: i.sendUnchanged,
    lastRun: r ? { id: r.id, status: r.status, queuedAt: r.queuedAt, finishedAt: r.finishedAt, message: r.message, updated: r.updatedCount, rejected: r.rejectedCount, trigger: r.trigger } : null,
  }));
}

export type ConnectorIntegrationForDisplay = Awaited<ReturnType<typeof listConnectorIntegrationsForDisplay>>[number];

/** Run Now for a connector integration, through the one startRun. */
export async function runConnectorIntegrationNow(ctx: Ctx, integrationId: string, boss?: PgBoss) {
  const rows = await q.listConnectorIntegrations(ctx.db, ctx.user.workspaceId);
  const found = rows.find((r) => r.integration.id === integrationId);
  if (!found) throw notFound('That integration');
  const run = await startRun(ctx.db, boss ?? await getBoss(), { workspaceId: ctx.user.workspaceId, integrationId, trigger: 'manual', triggeredBy: ctx.user.userId });
  await audit(ctx, 'integration.run', 'integration', integrationId, `Started a run of "${found.integration.name}"`);
  return { runId: run.id };
}
