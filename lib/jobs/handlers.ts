import type { JobWithMetadata, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '@/db/client';
import { failActiveRun } from '@/db/queries/integration-runs';
import { isAppError, toAppError } from '@/lib/errors';
import { loadDemoDataIfEmpty } from '@/lib/insights/demo-data';
import { removeIntegrationSchedule } from '@/lib/integrations/schedules';
import { startRun } from '@/lib/runs/start-run';
import { sweepRuns } from '@/lib/runs/sweep';
import type { SalesforceClient } from '@/lib/salesforce/client';
import { executeRun } from '@/lib/sync/execute-run';
import { pruneExpiredSignInAttempts } from './maintenance';
import { MAX_RUN_ATTEMPTS, type ParsedPayloadOf, type QueueName } from './queues';

/** What every job handler may use; the worker passes the same set in every process. */
export interface JobDeps {
  db: Database;
  boss: PgBoss;
  clock: () => Date;
  log: Logger;
  /** The Salesforce client of a workspace's account (the engine's collaborator). */
  salesforceFor: (workspaceId: string, accountId: string) => Promise<SalesforceClient>;
}

/** A queue's handler: its payload already parsed by the queue's schema. Throwing fails the job (retried). */
export type JobHandler<Q extends QueueName> = (deps: JobDeps, payload: ParsedPayloadOf<Q>, job: JobWithMetadata<unknown>) => Promise<void>;

/** One handler per queue: the type makes a queue without a handler a compile error. */
export const HANDLERS: { [Q in QueueName]: JobHandler<Q> } = {
  'maintenance.prune-sign-in-attempts': async ({ db, clock }, { olderThanHours }) => {
    await pruneExpiredSignInAttempts(db, olderThanHours, clock());
  },
  'maintenance.sweep-runs': async (deps) => {
    const swept = await sweepRuns(deps);
    if (swept.resent + swept.failed > 0) deps.log.info(swept, 'swept abandoned runs');
  },
  'insights.load-demo-data': async ({ db }, { workspaceId }) => {
    await loadDemoDataIfEmpty(db, workspaceId);
  },
  'sync.run': async ({ db, clock, salesforceFor, log }, { workspaceId, runId }, job) => {
    try {
      const result = await executeRun({ db, clock, salesforceFor, log, maxAttempts: MAX_RUN_ATTEMPTS }, { workspaceId, runId });
      log.info({ runId, status: result.status }, 'sync run job done');
    } catch (error) {
      // The engine leaves a run "running" for the next attempt; after the last one nothing would, so end it here.
      if (job.retryCount >= job.retryLimit) {
        const app = toAppError(error);
        await failActiveRun(db, workspaceId, runId, `The run failed on each of its ${job.retryCount + 1} attempts. The last error: ${app.message}`, app.code, clock());
      }
      throw error;
    }
  },
  'sync.scheduled': async ({ db, boss, log }, { workspaceId, integrationId }) => {
    try {
      const run = await startRun(db, boss, { workspaceId, integrationId, trigger: 'schedule', triggeredBy: null, requireEnabled: true });
      log.info({ integrationId, runId: run.id }, 'scheduled run started');
    } catch (error) {
      // An occurrence while a run is active is skipped, not retried: the next occurrence comes soon enough.
      if (isAppError(error, 'CONFLICT')) return log.info({ integrationId, reason: error.message }, 'scheduled run skipped');
      if (isAppError(error, 'NOT_FOUND')) {
        await removeIntegrationSchedule(boss, integrationId);
        return log.warn({ integrationId }, 'schedule of a deleted or paused integration removed');
      }
      throw error;
    }
  },
};
