import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgBoss } from 'pg-boss';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { listRuns } from '@/db/queries/integration-runs';
import { setIntegrationEnabled } from '@/lib/dal/integrations';
import { AppError } from '@/lib/errors';
import { createJobDeps } from '@/lib/jobs/deps';
import { startWorkers } from '@/lib/jobs/worker';
import { startQueueOnly, workspaceWithIntegration } from '@/lib/runs/testing';
import { reconcileIntegrationSchedules } from './schedules';

// Two processes' worth of pg-boss on one database, each with workers and its own cron pass (shortened to a
// second so the test does not wait for pg-boss's default intervals).
const FAST_CRON = { cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1 };

/**
 * An hourly schedule whose occurrence is due now or within 15 s: a new schedule fires its latest occurrence of
 * the last 60 s at once, so the minute that is current 15 s from now fires in the next cron pass (or, late in a
 * minute, at the start of the next one), and the next occurrence is an hour away. The test needs no wait for a
 * particular time of the minute, and no second occurrence can come before the test has counted the first.
 */
function dueNowHourly(): string {
  return `${new Date(Date.now() + 15_000).getUTCMinutes()} * * * *`;
}

describe.each(testDatabaseKinds)('integration schedules on %s', (kind) => {
  let handle: DatabaseHandle;
  let bosses: PgBoss[];
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    bosses = [await startQueueOnly(handle, FAST_CRON), await startQueueOnly(handle, FAST_CRON)];
    // Nothing here reaches Salesforce: a run that starts fails at once, which is all these tests need.
    const unreachable = async () => { throw new AppError('UNAVAILABLE', 'No Salesforce in this test.'); };
    for (const boss of bosses) await startWorkers(boss, createJobDeps(handle.db, boss, { salesforceFor: unreachable }));
  });
  afterAll(async () => {
    for (const boss of bosses) await boss.stop({ graceful: false, timeout: 1000 });
    await handle.close();
  });

  it('fires once per occurrence with two workers, starting one run with trigger "schedule"', async () => {
    const { ctx, integration } = await workspaceWithIntegration(handle, bosses[0], 'due-now', { scheduleCron: dueNowHourly(), scheduleTimezone: 'UTC' });
    await expect.poll(() => listRuns(handle.db, ctx.user.workspaceId, integration.id), { timeout: 90_000, interval: 500 }).toHaveLength(1);
    // Pause, then give stragglers time: both processes pass over the schedule every second while it is due.
    await setIntegrationEnabled(ctx, integration.id, false, bosses[1]);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const runs = await listRuns(handle.db, ctx.user.workspaceId, integration.id);
    expect(runs.map((r) => r.trigger)).toEqual(['schedule']);
    const fired = await bosses[0].findJobs('sync.scheduled', { data: { integrationId: integration.id } });
    expect(fired).toHaveLength(1);
  }, 180_000);

  it('re-registers lost schedules and removes those of deleted or paused integrations at start', async () => {
    const { integration } = await workspaceWithIntegration(handle, bosses[0], 'lost', { scheduleCron: '0 6 * * *', scheduleTimezone: 'America/New_York' });
    await bosses[0].unschedule('sync.scheduled', integration.id);
    await bosses[0].schedule('sync.scheduled', '0 1 * * *', { workspaceId: integration.id, integrationId: integration.id }, { key: '00000000-0000-4000-8000-000000000000' });
    await reconcileIntegrationSchedules(handle.db, bosses[1]);
    const schedules = await bosses[1].getSchedules('sync.scheduled');
    expect(schedules.find((s) => s.key === integration.id)).toMatchObject({ cron: '0 6 * * *', timezone: 'America/New_York' });
    expect(schedules.some((s) => s.key === '00000000-0000-4000-8000-000000000000')).toBe(false);
  });
});
