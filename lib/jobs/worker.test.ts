import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { selectRows, type DatabaseHandle } from '@/db/client';
import { recordSignInAttempt } from '@/db/queries/sign-in-attempts';
import { createBoss } from './boss';
import { ensureQueues, startWorkers } from './worker';
import { QUEUES } from './queues';

describe.each(testDatabaseKinds)('jobs through pg-boss on %s', (kind) => {
  let handle: DatabaseHandle;
  let boss: PgBoss;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    boss = createBoss(handle);
    await boss.start();
    await ensureQueues(boss);
    await startWorkers(boss, handle.db);
  });
  afterAll(async () => {
    await boss.stop({ graceful: false, timeout: 1000 });
    await handle.close();
  });

  it('prunes sign-in attempts older than the window and keeps recent ones', async () => {
    await recordSignInAttempt(handle.db, 'email:old@x.test', false);
    await handle.db.execute(sql`update sign_in_attempts set created_at = now() - interval '3 days'`);
    await recordSignInAttempt(handle.db, 'email:new@x.test', false);

    const jobId = await boss.send(QUEUES.maintenancePrune.name, { olderThanHours: 24 });
    expect(jobId).toBeTruthy();
    await expect.poll(async () => (await boss.getJobById(QUEUES.maintenancePrune.name, jobId!))?.state, { timeout: 20_000, interval: 250 })
      .toBe('completed');
    const keys = await selectRows<{ key: string }>(handle.db, sql`select key from sign_in_attempts`);
    expect(keys.map((k) => k.key)).toEqual(['email:new@x.test']);
  });

  it('loads the demo end users and events into a new workspace once', async () => {
    const [ws] = await selectRows<{ id: string }>(handle.db, sql`insert into workspaces (name) values ('Demo') returning id`);
    for (let i = 0; i < 2; i++) {
      const jobId = await boss.send(QUEUES.loadDemoData.name, { workspaceId: ws.id });
      await expect.poll(async () => (await boss.getJobById(QUEUES.loadDemoData.name, jobId!))?.state, { timeout: 60_000, interval: 500 })
        .toBe('completed');
    }
    const [counts] = await selectRows<{ users: number; emails: number }>(handle.db,
      sql`select count(*)::int as users, count(distinct email)::int as emails from insights_end_users where workspace_id = ${ws.id}`);
    expect(counts).toEqual({ users: 2000, emails: 2000 });
  });

  it('has the hourly prune schedule registered', async () => {
    const schedules = await boss.getSchedules();
    expect(schedules.map((s) => s.name)).toContain(QUEUES.maintenancePrune.name);
  });
});
