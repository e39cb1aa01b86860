import type { PgBoss } from 'pg-boss';
import type { Database } from '@/db/client';
import { uniqueViolation } from '@/db/errors';
import { getIntegration } from '@/db/queries/integrations';
import { deleteQueuedRun, getActiveRun, insertQueuedRun, type IntegrationRunRow } from '@/db/queries/integration-runs';
import type { RunTrigger } from '@/db/schema';
import { AppError, notFound } from '@/lib/errors';
import { sendJob } from '@/lib/jobs/send';

/** Who starts which run: the schedule, Run Now (manual), the API, or an inbound trigger. */
export interface StartRunParams {
  workspaceId: string;
  integrationId: string;
  trigger: RunTrigger;
  /** The user who pressed Run Now, or null (schedule, API key). */
  triggeredBy: string | null;
  /** Push every row again, not only the changed ones. */
  fullResync?: boolean;
  /** For the schedule: a paused integration counts as not found (Run Now and the API may run a paused one). */
  requireEnabled?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one way a run starts, for Run Now, the API and the schedule: inserts a queued run at the integration's
 * current version and sends the `sync.run` job. The database's partial unique index allows one queued or
 * running run per integration, so two starts at the same moment cannot both succeed: the loser gets CONFLICT
 * (with the active run's id in `details.activeRunId`). NOT_FOUND for an integration of another workspace.
 */
export async function startRun(db: Database, boss: PgBoss, params: StartRunParams): Promise<IntegrationRunRow> {
  const integration = UUID.test(params.integrationId) ? await getIntegration(db, params.workspaceId, params.integrationId) : null;
  if (!integration || (params.requireEnabled && !integration.enabled)) throw notFound('That integration');
  if (integration.destinationKind === 'salesforce' && !integration.accountId) {
    throw new AppError('CONFLICT', `${integration.name} has no Salesforce account: its account was disconnected. Edit the integration and choose an account.`);
  }
  if (integration.destinationKind !== 'salesforce' && !integration.actionId) {
    throw new AppError('CONFLICT', `${integration.name} has no JSON event or action to send to: it was deleted. Edit the integration and choose one.`);
  }
  let run: IntegrationRunRow;
  try {
    run = await insertQueuedRun(db, {
      workspaceId: params.workspaceId, integrationId: integration.id, integrationVersion: integration.version,
      trigger: params.trigger, triggeredBy: params.triggeredBy, fullResync: params.fullResync ?? false,
    });
  } catch (error) {
    if (uniqueViolation(error) !== 'integration_runs_one_active') throw error;
    const active = await getActiveRun(db, params.workspaceId, integration.id);
    throw new AppError('CONFLICT', `${integration.name} is already running; wait for it to finish.`, {
      details: active ? { activeRunId: active.id } : undefined, cause: error,
    });
  }
  try {
    await sendJob(boss, 'sync.run', { workspaceId: params.workspaceId, runId: run.id });
  } catch (error) {
    // Without its job the run would block the integration until the sweeper noticed; take it back now.
    await deleteQueuedRun(db, params.workspaceId, run.id);
    throw error;
  }
  return run;
}
