import type { PgBoss, SendOptions } from 'pg-boss';
import { QUEUES, type PayloadOf, type QueueName } from './queues';

/**
 * Puts a job on one of the app's queues. The payload is typed by the queue and checked against its schema
 * here, so a bad payload fails at the sender instead of in a worker. Answers the job id, or null when the
 * queue's policy refused a duplicate (singleton queues).
 */
export async function sendJob<Q extends QueueName>(boss: PgBoss, queue: Q, payload: PayloadOf<Q>, options?: SendOptions): Promise<string | null> {
  const data = QUEUES[queue].payload.parse(payload) as object;
  return boss.send(queue, data, options);
}

/**
 * Registers (or replaces) the schedule `key` of a queue: pg-boss keeps it in the database, so it survives
 * restarts, and sends one job per occurrence however many processes run (its cron pass is cluster-safe).
 */
export async function scheduleJob<Q extends QueueName>(boss: PgBoss, queue: Q, key: string, cron: string, timezone: string, payload: PayloadOf<Q>): Promise<void> {
  const data = QUEUES[queue].payload.parse(payload) as object;
  await boss.schedule(queue, cron, data, { tz: timezone, key });
}
