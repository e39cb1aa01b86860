import 'server-only';
import type { PgBoss } from 'pg-boss';
import * as q from '@/db/queries/connectors';
import type { Ctx } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { startRun } from '@/lib/runs/start-run';
import { getBoss } from '@/lib/runtime';
import { audit } from './guards';

// Members run integrations (product.md); sending to a connector action is no different. The wizard creates them.

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
