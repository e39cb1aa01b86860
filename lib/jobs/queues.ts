import { z } from 'zod';
import type { Queue, WorkOptions } from 'pg-boss';

/** The pg-boss settings a queue's jobs run under; every queue states all of them, so none is a silent default. */
export interface QueuePolicy extends Omit<Queue, 'name' | 'policy' | 'retryLimit' | 'retryDelay' | 'retryBackoff' | 'expireInSeconds'> {
  policy: 'standard' | 'singleton' | 'stately' | 'short' | 'exclusive';
  /** Attempts after the first one before the job is failed for good. */
  retryLimit: number;
  /** Seconds before the first retry (doubled each time, with jitter, when retryBackoff is on). */
  retryDelay: number;
  retryBackoff: boolean;
  /** Seconds a job may stay active before pg-boss fails (and so retries) it. */
  expireInSeconds: number;
}

/** A queue: the schema of its payload, its retry/expiry/heartbeat policy, and optionally a fixed schedule. */
export interface QueueDefinition<S extends z.ZodType = z.ZodType> {
  payload: S;
  policy: QueuePolicy;
  /** How each process works the queue (jobs are always taken one at a time). */
  work: Pick<WorkOptions, 'localConcurrency' | 'pollingIntervalSeconds'>;
  /** A fixed schedule (maintenance); integrations' schedules are registered per integration instead. */
  schedule?: { cron: string; tz: string; data: z.input<S> };
}

const defineQueues = <T extends { [name: string]: QueueDefinition }>(queues: T & { [K in keyof T]: QueueDefinition<T[K]['payload']> }) => queues;

/** Every queue of the app, by its pg-boss name. */
export const QUEUES = defineQueues({
  'maintenance.prune-sign-in-attempts': {
    payload: z.object({ olderThanHours: z.number().int().positive().default(24) }),
    policy: { policy: 'standard', retryLimit: 2, retryDelay: 60, retryBackoff: false, expireInSeconds: 300 },
    work: {},
    schedule: { cron: '17 * * * *', tz: 'UTC', data: { olderThanHours: 24 } },
  },
  // Every minute: runs left "running" by a dead worker, or "queued" without a job, go to a worker again,
  // or end "Failed" once their attempts are used up. One sweep at a time across all processes.
  'maintenance.sweep-runs': {
    payload: z.object({}),
    policy: { policy: 'singleton', retryLimit: 0, retryDelay: 0, retryBackoff: false, expireInSeconds: 120 },
    work: {},
    schedule: { cron: '* * * * *', tz: 'UTC', data: {} },
  },
  'insights.load-demo-data': {
    payload: z.object({ workspaceId: z.uuid() }),
    policy: { policy: 'standard', retryLimit: 2, retryDelay: 10, retryBackoff: true, expireInSeconds: 900 },
    work: {},
  },
  // A run of an integration; the run row says what to do, the job only points at it. While the handler works,
  // pg-boss refreshes the job's heartbeat every 15 s; a worker that dies stops it, so after 30 s of silence
  // pg-boss fails the job and retries it on any worker, and the engine resumes from the run's checkpoint.
  // Long runs are fine: only a silent job is failed, and the 6 h expiry is a backstop.
  'sync.run': {
    payload: z.object({ workspaceId: z.uuid(), runId: z.uuid() }),
    policy: { policy: 'standard', retryLimit: 3, retryDelay: 15, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 6 * 3600, heartbeatSeconds: 30 },
    work: { localConcurrency: 2 },
  },
  // Sent by each enabled integration's own schedule (key: the integration id); starts a run as Run Now does.
  'sync.scheduled': {
    payload: z.object({ workspaceId: z.uuid(), integrationId: z.uuid() }),
    policy: { policy: 'standard', retryLimit: 2, retryDelay: 10, retryBackoff: true, expireInSeconds: 120 },
    work: {},
  },
});

/** Attempts a run gets in all: the first plus the sync.run queue's retries. */
export const MAX_RUN_ATTEMPTS = QUEUES['sync.run'].policy.retryLimit + 1;

/** The name of one of the app's queues. */
export type QueueName = keyof typeof QUEUES;
/** What a sender passes for a queue (before defaults apply). */
export type PayloadOf<Q extends QueueName> = z.input<(typeof QUEUES)[Q]['payload']>;
/** What a handler receives for a queue (after the schema's parse). */
export type ParsedPayloadOf<Q extends QueueName> = z.output<(typeof QUEUES)[Q]['payload']>;

/** Every queue name, for loops that register or create them all. */
export const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[];
