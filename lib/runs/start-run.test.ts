import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgBoss } from 'pg-boss';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { uniqueViolation } from '@/db/errors';
import { insertQueuedRun, listRuns } from '@/db/queries/integration-runs';
import { AppError } from '@/lib/errors';
import { startRun } from './start-run';
import { startQueueOnly, workspaceWithIntegration } from './testing';

describe.each(testDatabaseKinds)('starting a run on %s', (kind) => {
  let handle: DatabaseHandle;
  let boss: PgBoss;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    boss = await startQueueOnly(handle);
  });
  afterAll(async () => {
    await boss.stop({ graceful: false, timeout: 1000 });
    await handle.close();
  });

  it('queues a run at the integration version and sends its sync.run job', async () => {
    const { ctx, integration } = await workspaceWithIntegration(handle, boss, 'queue');
    const run = await startRun(handle.db, boss, { workspaceId: ctx.user.workspaceId, integrationId: integration.id, trigger: 'api', triggeredBy: null });
    expect(run).toMatchObject({ status: 'queued', trigger: 'api', integrationVersion: integration.version, attempt: 0 });
    const jobs = await boss.findJobs('sync.run', { data: { runId: run.id } });
    expect(jobs.map((j) => [j.state, j.data])).toEqual([['created', { workspaceId: ctx.user.workspaceId, runId: run.id }]]);
  });

  it('answers 409 while a run is active, naming the integration and the active run', async () => {
    const { ctx, integration } = await workspaceWithIntegration(handle, boss, 'busy');
    const params = { workspaceId: ctx.user.workspaceId, integrationId: integration.id, trigger: 'manual' as const, triggeredBy: ctx.user.userId };
    const first = await startRun(handle.db, boss, params);
    const second = await startRun(handle.db, boss, params).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(AppError);
    expect(second).toMatchObject({ code: 'CONFLICT', status: 409, message: 'Logins Review to Contact is already running; wait for it to finish.', details: { activeRunId: first.id } });
  });

  it('lets only one of several simultaneous starts win, and the database refuses a second active run itself', async () => {
    const { ctx, integration } = await workspaceWithIntegration(handle, boss, 'race');
    const params = { workspaceId: ctx.user.workspaceId, integrationId: integration.id, trigger: 'api' as const, triggeredBy: null };
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => startRun(handle.db, boss, params)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === 'rejected')) expect((o as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    expect(await listRuns(handle.db, ctx.user.workspaceId, integration.id)).toHaveLength(1);
    // Straight at the table, without startRun: the partial unique index refuses a second queued run.
    const direct = await insertQueuedRun(handle.db, { ...params, integrationVersion: 1, fullResync: false }).catch((e: unknown) => e);
    expect(uniqueViolation(direct)).toBe('integration_runs_one_active');
  });

  it("refuses another workspace's integration as not found", async () => {
    const { integration } = await workspaceWithIntegration(handle, boss, 'owner');
    const { ctx: stranger } = await workspaceWithIntegration(handle, boss, 'stranger');
    const attempt = startRun(handle.db, boss, { workspaceId: stranger.user.workspaceId, integrationId: integration.id, trigger: 'api', triggeredBy: null });
    await expect(attempt).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(startRun(handle.db, boss, { workspaceId: stranger.user.workspaceId, integrationId: 'nope', trigger: 'api', triggeredBy: null })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
