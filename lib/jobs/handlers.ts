import type { Job, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '@/db/client';
import { loadDemoDataIfEmpty } from '@/lib/insights/demo-data';
import { pruneExpiredSignInAttempts } from './maintenance';
import type { ParsedPayloadOf, QueueName } from './queues';

/** What every job handler may use; the worker passes the same set in every process. */
export interface JobDeps {
  db: Database;
  boss: PgBoss;
  clock: () => Date;
  log: Logger;
}

/** A queue's handler: its payload already parsed by the queue's schema. Throwing fails the job (retried). */
export type JobHandler<Q extends QueueName> = (deps: JobDeps, payload: ParsedPayloadOf<Q>, job: Job<unknown>) => Promise<void>;

/** One handler per queue: the type makes a queue without a handler a compile error. */
export const HANDLERS: { [Q in QueueName]: JobHandler<Q> } = {
  'maintenance.prune-sign-in-attempts': async ({ db, clock }, { olderThanHours }) => {
    await pruneExpiredSignInAttempts(db, olderThanHours, clock());
  },
  'insights.load-demo-data': async ({ db }, { workspaceId }) => {
    await loadDemoDataIfEmpty(db, workspaceId);
  },
};
