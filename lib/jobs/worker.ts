import type { PgBoss } from 'pg-boss';
import type { Database } from '@/db/client';
import { loadDemoDataIfEmpty } from '@/lib/insights/demo-data';
import { pruneExpiredSignInAttempts } from './maintenance';
import { QUEUES } from './queues';

/** Creates the queues and schedules; safe to call from every process. */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(QUEUES.maintenancePrune.name);
  await boss.createQueue(QUEUES.loadDemoData.name);
  await boss.schedule(QUEUES.maintenancePrune.name, QUEUES.maintenancePrune.cron, { olderThanHours: 24 }, { tz: 'UTC' });
}

/** Registers this process as a worker for every queue. */
export async function startWorkers(boss: PgBoss, db: Database): Promise<void> {
  await boss.work(QUEUES.maintenancePrune.name, async (jobs) => {
    for (const job of jobs) await pruneExpiredSignInAttempts(db, job.data);
  });
  await boss.work(QUEUES.loadDemoData.name, async (jobs) => {
    for (const job of jobs) await loadDemoDataIfEmpty(db, QUEUES.loadDemoData.payload.parse(job.data).workspaceId);
  });
}
