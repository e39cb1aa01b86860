import type { JobResult, JobWithMetadata, PgBoss } from 'pg-boss';
import { toAppError } from '@/lib/errors';
import { HANDLERS, type JobDeps } from './handlers';
import { QUEUE_NAMES, QUEUES, type QueueName } from './queues';

export type { JobDeps } from './handlers';

/** Creates every queue with its policy (or brings an existing one up to it) and the fixed schedules; safe from every process. */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  for (const name of QUEUE_NAMES) {
    const { policy, schedule } = QUEUES[name];
    await boss.createQueue(name, policy);
    // createQueue leaves an existing queue as it was; carry over the settings pg-boss lets us change.
    const { policy: _policy, heartbeatSeconds: _heartbeat, ...updatable } = policy;
    await boss.updateQueue(name, updatable);
    if (schedule) await boss.schedule(name, schedule.cron, schedule.data as object, { tz: schedule.tz });
  }
}

/**
 * Registers this process as a worker for every queue in the table. Each job is parsed with its queue's schema
 * first: a payload that does not fit can never succeed, so it is failed for good (logged), not retried. A
 * handler that throws fails the job and pg-boss retries it under the queue's policy.
 */
export async function startWorkers(boss: PgBoss, deps: JobDeps): Promise<void> {
  for (const name of QUEUE_NAMES) {
    await boss.work(name, { batchSize: 1, perJobResults: true, includeMetadata: true, ...QUEUES[name].work }, (jobs) => workBatch(name, jobs, deps));
  }
}

async function workBatch(name: QueueName, jobs: JobWithMetadata<unknown>[], deps: JobDeps): Promise<JobResult[]> {
  const results: JobResult[] = [];
  for (const job of jobs) {
    const parsed = QUEUES[name].payload.safeParse(job.data ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      deps.log.error({ queue: name, jobId: job.id, issue: `${issue.path.join('.')}: ${issue.message}` }, 'job payload does not match its queue schema; failed without retry');
      results.push({ id: job.id, status: 'deadletter', output: { error: 'payload does not match the queue schema', issue: issue.message } });
      continue;
    }
    const log = deps.log.child({ queue: name, jobId: job.id, jobAttempt: job.retryCount + 1 });
    try {
      // The handler table is typed per queue; here the name and payload travel together, so the cast is safe.
      await (HANDLERS[name] as (deps: JobDeps, payload: unknown, job: JobWithMetadata<unknown>) => Promise<void>)({ ...deps, log }, parsed.data, job);
      results.push({ id: job.id, status: 'completed' });
    } catch (error) {
      const app = toAppError(error);
      // Failed, not dead-lettered: pg-boss retries it under the queue's policy.
      log.error({ err: error, code: app.code }, 'job failed');
      results.push({ id: job.id, status: 'failed', output: { code: app.code, message: app.message } });
    }
  }
  return results;
}
