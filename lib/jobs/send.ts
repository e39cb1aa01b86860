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
