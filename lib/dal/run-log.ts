import 'server-only';
import type { Readable } from 'node:stream';
import { getIntegration } from '@/db/queries/integrations';
import { getRun, listRuns } from '@/db/queries/integration-runs';
import type { Ctx } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { getReportDefinition } from '@/lib/insights/catalog';
import { RUN_STATUS_LABELS, rejectedRowsCsv, runLogOf, runLogRows, type RunLog, type RunLogRow } from '@/lib/sync/run-log';

// Reading runs is for every member of the workspace (members run integrations). Every function checks that
// the integration and the run are the caller's workspace's, and that the run belongs to the integration.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function integrationOf(ctx: Ctx, integrationId: string) {
  const integration = UUID.test(integrationId) ? await getIntegration(ctx.db, ctx.user.workspaceId, integrationId) : null;
  if (!integration) throw notFound('That integration');
  return integration;
}

async function runOf(ctx: Ctx, integrationId: string, runId: string) {
  await integrationOf(ctx, integrationId);
  const run = UUID.test(runId) ? await getRun(ctx.db, ctx.user.workspaceId, runId) : null;
  if (!run || run.integrationId !== integrationId) throw notFound('That run');
  return run;
}

/** One line of the Log overlay. */
export interface RunLogLine {
  id: string;
  startedAt: string | null;
  queuedAt: string;
  runtimeMs: number | null;
  status: RunLog['status'];
  statusLabel: string;
  rejected: number;
}

/** The Log overlay: the integration's report and object, and its runs newest first ("Start date" in UTC, "Runtime", "Status"). */
export async function listRunLog(ctx: Ctx, integrationId: string, options: { limit?: number; offset?: number } = {}, now = new Date()): Promise<{ reportName: string; objectName: string | null; runs: RunLogLine[] }> {
  const integration = await integrationOf(ctx, integrationId);
  const reportName = await getReportDefinition(ctx.db, ctx.user.workspaceId, integration.reportId).then((r) => r.name, () => integration.reportId);
  const runs = await listRuns(ctx.db, ctx.user.workspaceId, integrationId, { limit: Math.min(options.limit ?? 50, 200), offset: options.offset ?? 0 });
  return {
    reportName, objectName: integration.objectName,
    runs: runs.map((run) => {
      const end = run.finishedAt ?? (run.status === 'running' ? now : null);
      return {
        id: run.id, startedAt: run.startedAt?.toISOString() ?? null, queuedAt: run.queuedAt.toISOString(),
        runtimeMs: run.startedAt && end ? Math.max(0, end.getTime() - run.startedAt.getTime()) : null,
        status: run.status, statusLabel: RUN_STATUS_LABELS[run.status], rejected: run.rejectedCount,
      };
    }),
  };
}

/** The full log of one run: times, status, counts, API calls, progress and steps. */
export async function getRunLog(ctx: Ctx, integrationId: string, runId: string, now = new Date()): Promise<RunLog> {
  return runLogOf(ctx.db, await runOf(ctx, integrationId, runId), now);
}

/** A page of a run's rejected rows (or no-match keys) with their reasons and fixes. */
export async function listRunRejectedRows(ctx: Ctx, integrationId: string, runId: string, options: { outcome?: 'rejected' | 'no_match'; page?: number; pageSize?: number } = {}): Promise<{ rows: RunLogRow[]; total: number; page: number; pageSize: number }> {
  return runLogRows(ctx.db, await runOf(ctx, integrationId, runId), options);
}

/** The run's rejected rows as a CSV download. */
export async function exportRunRejectedRowsCsv(ctx: Ctx, integrationId: string, runId: string): Promise<{ filename: string; stream: Readable }> {
  return rejectedRowsCsv(ctx.db, await runOf(ctx, integrationId, runId));
}
