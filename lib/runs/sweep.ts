import type { PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '@/db/client';
import { failActiveRun, findStaleRuns } from '@/db/queries/integration-runs';
import { MAX_RUN_ATTEMPTS } from '@/lib/jobs/queues';
import { sendJob } from '@/lib/jobs/send';

/** A run whose heartbeat (running) or wait (queued) is older than this, with no live job, is abandoned. */
export const STALE_RUN_MS = 2 * 60_000;

/** The message of a run that kept stopping; the Log shows it. */
export const abandonedMessage = (attempts: number) =>
  `The run stopped ${attempts} times before finishing: the worker running it stopped or lost its database connection. ` +
  'Press Run Now to start it again; if it keeps stopping, check the worker log.';

async function hasLiveJob(boss: PgBoss, runId: string): Promise<boolean> {
  const jobs = await boss.findJobs('sync.run', { data: { runId } });
  return jobs.some((job) => job.state === 'created' || job.state === 'retry' || job.state === 'active');
}

/**
 * The backstop behind pg-boss's own retries, so no run stays "Running" or "Queued" for ever: a run that is
 * stale and has no job left that could still work it (created, retry or active) is sent again while it has
 * attempts left (the engine resumes it from its checkpoint), and ended "Failed" with a message otherwise.
 */
export async function sweepRuns(deps: { db: Database; boss: PgBoss; clock: () => Date; log: Logger }): Promise<{ resent: number; failed: number }> {
  const now = deps.clock();
  let resent = 0;
  let failed = 0;
  for (const run of await findStaleRuns(deps.db, new Date(now.getTime() - STALE_RUN_MS))) {
    if (await hasLiveJob(deps.boss, run.id)) continue;
    const log = { runId: run.id, integrationId: run.integrationId, status: run.status, attempt: run.attempt };
    if (run.attempt >= MAX_RUN_ATTEMPTS) {
      if (await failActiveRun(deps.db, run.workspaceId, run.id, abandonedMessage(run.attempt), 'RUN_ABANDONED', now)) failed++;
      deps.log.warn(log, 'abandoned run failed: no attempts left');
    } else {
      await sendJob(deps.boss, 'sync.run', { workspaceId: run.workspaceId, runId: run.id });
      resent++;
      deps.log.warn(log, 'abandoned run sent to a worker again');
    }
  }
  return { resent, failed };
}
