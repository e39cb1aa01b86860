import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgBoss } from 'pg-boss';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { DEMO_RULES } from '@/emulators/salesforce/seed/demo';
import { demoPeople } from '@/lib/demo/people';
import { startRun } from '@/lib/runs/start-run';
import { startQueueOnly } from '@/lib/runs/testing';
import { countWrites, createTestIntegration, ingestLogins, leadsByEmail, loadRun, LOGINS_TO_LEAD, type SyncWorld } from '@/lib/sync/run-testing';
import { startDemoWorld, startWorkerProcess, stopWorkerProcess, workerEnv } from './process-testing';

// Fewer than 2,000 changed records, so the engine writes through sObject Collections, 200 records a call,
// recording each call's outcome with the run's checkpoint: several checkpoints to resume from.
const PEOPLE = 1_200;
const people = demoPeople(PEOPLE);
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
    world = await startDemoWorld(handle, PEOPLE);
    await ingestLogins(world, PEOPLE);
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
    expect(done).toMatchObject({ attempt: 2, readCount: PEOPLE, rowsProcessed: PEOPLE, updatedCount: records, asOf: atKill.asOf, startedAt: atKill.startedAt });
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
