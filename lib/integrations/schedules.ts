import type { PgBoss } from 'pg-boss';
import type { Database } from '@/db/client';
import { listEnabledIntegrationSchedules } from '@/db/queries/integrations';
import { scheduleJob } from '@/lib/jobs/send';

/** What a schedule is made of. */
export interface ScheduledIntegration {
  id: string;
  workspaceId: string;
  enabled: boolean;
  scheduleCron: string;
  scheduleTimezone: string;
}

const QUEUE = 'sync.scheduled';

/**
 * Makes pg-boss's schedule of the integration match it: registered (or replaced, keyed by the integration id)
 * while enabled, removed while paused. Call after every create, edit, pause and resume.
 */
export async function syncIntegrationSchedule(boss: PgBoss, integration: ScheduledIntegration): Promise<void> {
  if (!integration.enabled) return removeIntegrationSchedule(boss, integration.id);
  await scheduleJob(boss, QUEUE, integration.id, integration.scheduleCron, integration.scheduleTimezone,
    { workspaceId: integration.workspaceId, integrationId: integration.id });
}

/** Removes the integration's schedule (pause, delete). */
export async function removeIntegrationSchedule(boss: PgBoss, integrationId: string): Promise<void> {
  await boss.unschedule(QUEUE, integrationId);
}

/**
 * Brings pg-boss's schedules in line with the integrations table: one per enabled integration, none for
 * paused or deleted ones. pg-boss keeps schedules across restarts; this repairs a schedule lost to a crash
 * between saving an integration and registering it. Safe from every process at start.
 */
export async function reconcileIntegrationSchedules(db: Database, boss: PgBoss): Promise<{ registered: number; removed: number }> {
  const enabled = await listEnabledIntegrationSchedules(db);
  const wanted = new Map(enabled.map((i) => [i.id, i]));
  let removed = 0;
  for (const schedule of await boss.getSchedules(QUEUE)) {
    const integration = wanted.get(schedule.key);
    if (!integration) {
      await boss.unschedule(QUEUE, schedule.key);
      removed++;
    } else if (schedule.cron === integration.scheduleCron && schedule.timezone === integration.scheduleTimezone) {
      wanted.delete(schedule.key);
    }
  }
  for (const integration of wanted.values()) await syncIntegrationSchedule(boss, { ...integration, enabled: true });
  return { registered: wanted.size, removed };
}
