import { spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { selectRows, type DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { recordSignInAttempt } from '@/db/queries/sign-in-attempts';
import { demoPeople } from '@/lib/demo/people';
import { startRun } from '@/lib/runs/start-run';
import { startQueueOnly } from '@/lib/runs/testing';
import { createTestIntegration, ingestLogins, leadsByEmail, loadRun, LOGINS_TO_LEAD, type SyncWorld } from '@/lib/sync/run-testing';
import { startDemoWorld, startWorkerProcess, stopWorkerProcess, workerEnv } from './process-testing';
import { sendJob } from './send';

const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');
const entry = path.join(process.cwd(), 'lib', 'jobs', 'worker-main.ts');
const PEOPLE = 300;

describe('npm run worker', () => {
  it('refuses to start in the embedded default, explaining why and what to set', () => {
    const { DATABASE_URL: _omit, ...env } = process.env;
    const run = spawnSync(tsx, [entry], { env: { ...env, DIC_DATA_DIR: '/tmp/dic-worker-refusal' }, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('npm run worker needs DATABASE_URL');
    expect(run.stderr).toContain('a second process must not open the same data folder');
  });
});

// A separate worker process only makes sense on PostgreSQL.
describe.each(testDatabaseKinds.filter((k) => k === 'postgres'))('a worker process on %s', (kind) => {
  let handle: DatabaseHandle;
  let world: SyncWorld;
  let boss: PgBoss;
  let worker: ChildProcess;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    const demo = await startDemoWorld(handle, PEOPLE);
    world = demo;
    await ingestLogins(world, PEOPLE);
    // The web side: creates the queues, sends jobs, works none.
    boss = await startQueueOnly(handle);
    worker = startWorkerProcess(workerEnv(handle, demo.demoPort));
  }, 120_000);
  afterAll(async () => {
    await stopWorkerProcess(worker);
    await boss.stop({ graceful: false, timeout: 500 });
    await world.close();
    await handle.close();
  });

  it('works jobs sent by another process', async () => {
    await recordSignInAttempt(handle.db, 'email:old@x.test', false);
    await handle.db.execute(sql`update sign_in_attempts set created_at = now() - interval '3 days'`);
    const jobId = await sendJob(boss, 'maintenance.prune-sign-in-attempts', { olderThanHours: 24 });
    await expect.poll(async () => (await boss.getJobById('maintenance.prune-sign-in-attempts', jobId!))?.state, { timeout: 30_000, interval: 250 })
      .toBe('completed');
    expect(await selectRows(handle.db, sql`select key from sign_in_attempts`)).toEqual([]);
  });

  it('executes a run started on the web side, writing the values into Salesforce', async () => {
    const integrationId = await createTestIntegration(world, LOGINS_TO_LEAD);
    const run = await startRun(handle.db, boss, { workspaceId: world.admin.workspaceId, integrationId, trigger: 'api', triggeredBy: null });
    await expect.poll(async () => (await loadRun(world, run.id)).status, { timeout: 60_000, interval: 250 }).toBe('completed');
    expect(await loadRun(world, run.id)).toMatchObject({ attempt: 1, readCount: PEOPLE, rowsProcessed: PEOPLE, rowsToProcess: PEOPLE });
    const leads = leadsByEmail(world);
    for (const person of demoPeople(PEOPLE).slice(0, 50)) {
      for (const lead of leads.get(person.email)!.filter((l) => !l.IsConverted)) {
        expect(lead.WalkMe_User_Id__c).toBe(person.userId);
        expect(lead.WalkMe_Logins_Last_30_Days__c).toBe((person.index % 5) + 1);
      }
    }
  }, 90_000);
});
