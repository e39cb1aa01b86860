import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import pino from 'pino';
import { testDatabaseKinds } from '@/db/testing';
import { AppError } from '@/lib/errors';
import { startRun } from '@/lib/runs/start-run';
import { abandonedMessage, sweepRuns } from '@/lib/runs/sweep';
import { startQueueOnly } from '@/lib/runs/testing';
import { createTestIntegration, ingestLogins, leadsByEmail, loadRun, LOGINS_TO_LEAD, queueTestRun, startSyncWorld, type SyncWorld } from '@/lib/sync/run-testing';
import { demoPeople } from '@/lib/demo/people';
import { createJobDeps } from './deps';
import { MAX_RUN_ATTEMPTS } from './queues';
import { sendJob } from './send';
import { startWorkers } from './worker';

const PEOPLE = 200;
const silent = pino({ level: 'silent' });

describe.each(testDatabaseKinds)('the sync.run job on %s', (kind) => {
  let world: SyncWorld;
  let boss: PgBoss;
  let failing: Set<string>;
  beforeAll(async () => {
    world = await startSyncWorld(kind, PEOPLE);
    await ingestLogins(world, PEOPLE);
    boss = await startQueueOnly(world.handle);
    failing = new Set();
    // The real client, except for accounts a test marks as unreachable.
    const salesforceFor = async (workspaceId: string, accountId: string) => {
      if (failing.has(accountId)) throw new AppError('UNAVAILABLE', 'Salesforce did not answer.');
      return world.deps.salesforceFor(workspaceId, accountId);
    };
    await startWorkers(boss, createJobDeps(world.handle.db, boss, { salesforceFor, log: silent }));
  }, 120_000);
  afterAll(async () => {
    await boss.stop({ graceful: false, timeout: 1000 });
    await world.close();
  });

  const settle = (runId: string) => expect.poll(async () => (await loadRun(world, runId)).status, { timeout: 60_000, interval: 250 });

  it('executes a started run through the engine: Completed, values in Salesforce', async () => {
    const integrationId = await createTestIntegration(world, LOGINS_TO_LEAD);
    const run = await startRun(world.handle.db, boss, { workspaceId: world.admin.workspaceId, integrationId, trigger: 'manual', triggeredBy: world.admin.userId });
    await settle(run.id).toBe('completed');
    expect(await loadRun(world, run.id)).toMatchObject({ attempt: 1, readCount: PEOPLE, rowsProcessed: PEOPLE });
    const leads = leadsByEmail(world);
    const person = demoPeople(PEOPLE)[7];
    expect(leads.get(person.email)!.find((l) => !l.IsConverted)?.WalkMe_Logins_Last_30_Days__c).toBe((person.index % 5) + 1);
  });

  it('ends a run "Failed" with the last error once the job has used its retries', async () => {
    const integrationId = await createTestIntegration(world, LOGINS_TO_LEAD);
    failing.add(world.accountId);
    try {
      const runId = await queueTestRun(world, integrationId);
      // The queue's own delays (15 s and up) are shortened for the test; the handler reads them from the job.
      await sendJob(boss, 'sync.run', { workspaceId: world.admin.workspaceId, runId }, { retryLimit: 1, retryDelay: 1, retryBackoff: false });
      await settle(runId).toBe('failed');
      expect(await loadRun(world, runId)).toMatchObject({
        attempt: 2, errorCode: 'UNAVAILABLE', message: 'The run failed on each of its 2 attempts. The last error: Salesforce did not answer.',
      });
    } finally {
      failing.delete(world.accountId);
    }
  });

  it('sweeps a run left "running" with a stale heartbeat and no job: sent again and finished, or failed once out of attempts', async () => {
    const db = world.handle.db;
    const resumable = await queueTestRun(world, await createTestIntegration(world, LOGINS_TO_LEAD));
    const exhausted = await queueTestRun(world, await createTestIntegration(world, LOGINS_TO_LEAD));
    const waiting = await queueTestRun(world, await createTestIntegration(world, LOGINS_TO_LEAD));
    // As a worker killed mid-run leaves them, once pg-boss has given up on their jobs.
    await db.execute(sql`update integration_runs set status = 'running', attempt = 1, started_at = now() - interval '10 minutes',
      heartbeat_at = now() - interval '10 minutes' where id in (${resumable}, ${exhausted})`);
    await db.execute(sql`update integration_runs set attempt = ${MAX_RUN_ATTEMPTS} where id = ${exhausted}`);
    // This one is old too, but its job is still waiting for a worker: the sweeper leaves it alone.
    await db.execute(sql`update integration_runs set queued_at = now() - interval '10 minutes' where id = ${waiting}`);
    const idle = await startQueueOnly(world.handle);
    try {
      await sendJob(idle, 'sync.run', { workspaceId: world.admin.workspaceId, runId: waiting }, { startAfter: 3600 });
      const swept = await sweepRuns({ db, boss: idle, clock: () => new Date(), log: silent });
      expect(swept).toEqual({ resent: 1, failed: 1 });
    } finally {
      await idle.stop({ graceful: false, timeout: 1000 });
    }
    expect(await loadRun(world, exhausted)).toMatchObject({ status: 'failed', errorCode: 'RUN_ABANDONED', message: abandonedMessage(MAX_RUN_ATTEMPTS) });
    await settle(resumable).toBe('completed');
    expect((await loadRun(world, resumable)).attempt).toBe(2);
    expect((await loadRun(world, waiting)).status).toBe('queued');
  });
});
