import { spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { selectRows, type DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { recordSignInAttempt } from '@/db/queries/sign-in-attempts';
import { DEMO_RULES } from '@/emulators/salesforce/seed/demo';
import { demoPeople } from '@/lib/demo/people';
import { startRun } from '@/lib/runs/start-run';
import { startQueueOnly } from '@/lib/runs/testing';
import { countWrites, createTestIntegration, ingestLogins, leadsByEmail, loadRun, LOGINS_TO_LEAD, type SyncWorld } from '@/lib/sync/run-testing';
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

// Fewer than 2,000 changed records, so the engine writes through sObject Collections, 200 records a call,
// recording each call's outcome with the run's checkpoint: several checkpoints to resume from.
const CRASH_PEOPLE = 1_200;
const people = demoPeople(CRASH_PEOPLE);
const openLeadsOf = (p: (typeof people)[number]) => 1 + (DEMO_RULES.hasDuplicateLead(p.index) ? 1 : 0) - (DEMO_RULES.isConverted(p.index) ? 1 : 0);
const records = people.reduce((sum, p) => sum + Math.max(0, openLeadsOf(p)), 0);
const calls = Math.ceil(records / 200);

describe.each(testDatabaseKinds.filter((k) => k === 'postgres'))('a worker killed mid-run on %s', (kind) => {
  let handle: DatabaseHandle;
  let world: SyncWorld & { demoPort: number };
  let boss: PgBoss;
  const workers: ChildProcess[] = [];
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    world = await startDemoWorld(handle, CRASH_PEOPLE);
    await ingestLogins(world, CRASH_PEOPLE);
    // The web side sends the job and, like every pg-boss instance, watches job heartbeats; its monitor runs
    // every second here instead of every minute, so the test waits for the heartbeat timeout, not the monitor.
    boss = await startQueueOnly(handle, { monitorIntervalSeconds: 1, superviseIntervalSeconds: 1 });
  }, 120_000);
  afterAll(async () => {
    for (const worker of workers) await stopWorkerProcess(worker);
    await boss.stop({ graceful: false, timeout: 500 });
    await world.close();
    await handle.close();
  });

  it('is picked up by another worker, which finishes the run from its checkpoint with correct values', async () => {
    // Slow writes down so the kill lands in the middle of the write step.
    const slow = world.emulator.control.addFault({ kind: 'latency', pattern: '^PATCH \\S*/composite/sobjects', latencyMs: 1_500 });
    workers.push(startWorkerProcess(workerEnv(handle, world.demoPort)));
    const integrationId = await createTestIntegration(world, LOGINS_TO_LEAD);
    const run = await startRun(handle.db, boss, { workspaceId: world.admin.workspaceId, integrationId, trigger: 'manual', triggeredBy: world.admin.userId });

    await expect.poll(async () => (await loadRun(world, run.id)).updatedCount, { timeout: 60_000, interval: 100 }).toBeGreaterThan(0);
    await stopWorkerProcess(workers[0], 'SIGKILL');
    const atKill = await loadRun(world, run.id);
    expect(atKill).toMatchObject({ status: 'running', attempt: 1 });
    expect(atKill.updatedCount).toBeLessThan(records);

    world.emulator.control.clearFaults(slow);
    const writesAfterKill = countWrites(world);
    workers.push(startWorkerProcess(workerEnv(handle, world.demoPort)));
    // pg-boss fails the silent job after its 30 s heartbeat and retries it (after 15 s or so) on the new worker.
    await expect.poll(async () => (await loadRun(world, run.id)).status, { timeout: 150_000, interval: 500 }).toBe('completed');

    const done = await loadRun(world, run.id);
    expect(done).toMatchObject({ attempt: 2, readCount: CRASH_PEOPLE, rowsProcessed: CRASH_PEOPLE, updatedCount: records, asOf: atKill.asOf, startedAt: atKill.startedAt });
    expect(done.steps.map((s) => s.name)).toContain('Resume');
    // Resumed, not restarted: the calls recorded before the kill were not sent again.
    expect(writesAfterKill()).toBeLessThanOrEqual(calls - Math.floor(atKill.updatedCount / 200));
    expect(writesAfterKill()).toBeLessThan(calls);
    const leads = leadsByEmail(world);
    for (const p of people) {
      for (const lead of leads.get(p.email)!.filter((l) => !l.IsConverted)) {
        expect(lead.WalkMe_User_Id__c).toBe(p.userId);
        expect(lead.WalkMe_Logins_Last_30_Days__c).toBe((p.index % 5) + 1);
      }
    }
  }, 240_000);
});
