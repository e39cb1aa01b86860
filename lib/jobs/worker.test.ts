import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { selectRows, type DatabaseHandle } from '@/db/client';
import { recordSignInAttempt } from '@/db/queries/sign-in-attempts';
import { createBoss } from './boss';
import { ensureQueues, startWorkers } from './worker';
import { sendJob } from './send';
import { QUEUES } from './queues';
import { createJobDeps } from './deps';

describe.each(testDatabaseKinds)('jobs through pg-boss on %s', (kind) => {
  let handle: DatabaseHandle;
  let boss: PgBoss;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    boss = createBoss(handle);
    await boss.start();
    await ensureQueues(boss);
    await startWorkers(boss, createJobDeps(handle.db, boss));
  });
  afterAll(async () => {
    await boss.stop({ graceful: false, timeout: 1000 });
    await handle.close();
  });

  it('prunes sign-in attempts older than the window and keeps recent ones', async () => {
    await recordSignInAttempt(handle.db, 'email:old@x.test', false);
    await handle.db.execute(sql`update sign_in_attempts set created_at = now() - interval '3 days'`);
    await recordSignInAttempt(handle.db, 'email:new@x.test', false);

    const jobId = await sendJob(boss, 'maintenance.prune-sign-in-attempts', { olderThanHours: 24 });
    expect(jobId).toBeTruthy();
    await expect.poll(async () => (await boss.getJobById('maintenance.prune-sign-in-attempts', jobId!))?.state, { timeout: 60_000, interval: 250 })
      .toBe('completed');
    const keys = await selectRows<{ key: string }>(handle.db, sql`select key from sign_in_attempts`);
    expect(keys.map((k) => k.key)).toEqual(['email:new@x.test']);
  });

  it('loads the demo end users and events into a new workspace once', async () => {
    const [ws] = await selectRows<{ id: string }>(handle.db, sql`insert into workspaces (name) values ('Demo') returning id`);
    for (let i = 0; i < 2; i++) {
      const jobId = await sendJob(boss, 'insights.load-demo-data', { workspaceId: ws.id });
      await expect.poll(async () => (await boss.getJobById('insights.load-demo-data', jobId!))?.state, { timeout: 120_000, interval: 500 })
        .toBe('completed');
    }
    const [counts] = await selectRows<{ users: number; emails: number }>(handle.db,
      sql`select count(*)::int as users, count(distinct email)::int as emails from insights_end_users where workspace_id = ${ws.id}`);
    expect(counts).toEqual({ users: 2000, emails: 2000 });
  // The full demo set is about 90,000 events: a busy 2-core machine needs more than the default 30 s to write them.
  }, 180_000);

  it('fails a job whose payload does not match its schema once, without retrying it', async () => {
    const jobId = await boss.send('insights.load-demo-data', { workspaceId: 'not-a-uuid' });
    await expect.poll(async () => (await boss.getJobById('insights.load-demo-data', jobId!))?.state, { timeout: 60_000, interval: 250 })
      .toBe('failed');
    const job = await boss.getJobById('insights.load-demo-data', jobId!);
    expect(job?.retryCount).toBe(0);
    expect(job?.output).toMatchObject({ error: 'payload does not match the queue schema' });
  });

  it('refuses to send a payload that does not match the queue schema', async () => {
    // @ts-expect-error the payload type follows the queue's schema
    await expect(sendJob(boss, 'insights.load-demo-data', { workspace: 'x' })).rejects.toThrow(/workspaceId/);
  });

  it('creates each queue with the retry, expiry and heartbeat policy stated next to it', async () => {
    const queue = await boss.getQueue('insights.load-demo-data');
    const { policy } = QUEUES['insights.load-demo-data'];
    expect(queue).toMatchObject({ policy: policy.policy, retryLimit: policy.retryLimit, retryDelay: policy.retryDelay, retryBackoff: policy.retryBackoff, expireInSeconds: policy.expireInSeconds });
  });

  it('has the hourly prune schedule registered', async () => {
    const schedules = await boss.getSchedules();
    expect(schedules.map((s) => s.name)).toContain('maintenance.prune-sign-in-attempts');
  });
});
