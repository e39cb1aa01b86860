import type { ChildProcess } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgBoss } from 'pg-boss';
import { DEMO_QUALTRICS_USER, startQualtricsEmulator, type RunningQualtricsEmulator } from '@/emulators/qualtrics';
import type { DatabaseHandle } from '@/db/client';
import { listActions } from '@/db/queries/connectors';
import { integrationRuns, integrations } from '@/db/schema';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import type { Ctx } from '@/lib/auth/session';
import { createTestWorkspace } from '@/lib/auth/testing';
import { allowOutboundOrigin } from '@/lib/connectors/outbound-allowlist';
import { qualtricsEventSchema } from '@/lib/connectors/schemas';
import { saveQualtricsEvent } from '@/lib/dal/connector-actions';
import { saveQualtricsConnection } from '@/lib/dal/connectors';
import { ingestForTest } from '@/lib/insights/testing';
import { startRun } from '@/lib/runs/start-run';
import { startQueueOnly } from '@/lib/runs/testing';
import { startWorkerProcess, stopWorkerProcess, workerEnv } from './process-testing';

const PEOPLE = 8;
const userId = (i: number) => `u-${String(i).padStart(3, '0')}`;

// A separate worker process only makes sense on PostgreSQL.
describe.each(testDatabaseKinds.filter((k) => k === 'postgres'))('a worker killed while a connector call is under way on %s', (kind) => {
  let handle: DatabaseHandle;
  let admin: Ctx;
  let q: RunningQualtricsEmulator;
  let boss: PgBoss;
  let integrationId: string;
  let env: NodeJS.ProcessEnv;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    admin = await createTestWorkspace(handle.db, 'Crash mid-push');
    q = await startQualtricsEmulator();
    allowOutboundOrigin(q.baseUrl);
    await ingestForTest(handle.db, admin.user.workspaceId, Array.from({ length: PEOPLE }, (_, i) => ({
      id: `nps-${i}`, userId: userId(i), type: 'nps', timestamp: '2026-11-20T09:00:00Z', properties: { score: i % 11 },
    })));
    await saveQualtricsConnection(admin, { username: DEMO_QUALTRICS_USER.username, apiToken: DEMO_QUALTRICS_USER.apiToken });
    await saveQualtricsEvent(admin, qualtricsEventSchema.parse({ name: 'NPS follow-up', url: q.eventUrl(), payloadTemplate: '{ }' }));
    const actionId = (await listActions(handle.db, admin.user.workspaceId))[0].id;
    const [row] = await handle.db.insert(integrations).values({
      workspaceId: admin.user.workspaceId, name: 'NPS to Qualtrics', destinationKind: 'qualtrics', actionId, reportId: 'nps',
      mappings: [{ column: 'User ID', field: 'userId' }, { column: 'NPS Score', field: 'score' }],
    }).returning();
    integrationId = row.id;
    // The web side sends the job and watches heartbeats every second (see worker-process.test.ts).
    boss = await startQueueOnly(handle, { monitorIntervalSeconds: 1, superviseIntervalSeconds: 1 });
    // The worker may reach the emulator only because the operator allowlisted it.
    env = { ...workerEnv(handle, 0), DIC_OUTBOUND_ALLOWLIST: q.baseUrl };
  }, 60_000);
  afterAll(async () => {
    for (const worker of workers) await stopWorkerProcess(worker);
    await boss.stop({ graceful: false, timeout: 500 });
    await q.close();
    await handle.close();
  });

  it('resends the one row whose answer never came with the same Idempotency-Key, so the emulator holds each row exactly once', async () => {
    // Qualtrics stores each event, then answers 1.5 s later: the kill lands after an event was stored and before DIC heard of it.
    q.state.answerDelayMs = 1_500;
    workers.push(startWorkerProcess(env));
    const run = await startRun(handle.db, boss, { workspaceId: admin.user.workspaceId, integrationId, trigger: 'manual', triggeredBy: admin.user.userId });
    await expect.poll(() => q.state.events.length, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(3);
    await stopWorkerProcess(workers[0], 'SIGKILL');
    const stored = q.state.events.length;
    const [atKill] = await handle.db.select().from(integrationRuns).where(eq(integrationRuns.id, run.id));
    expect(atKill).toMatchObject({ status: 'running', attempt: 1, updatedCount: stored - 1 });
    // The stored row whose answer was still on its way is the one the run marked in flight.
    const inFlight = (atKill.checkpoint as { inFlight?: string }).inFlight;
    expect(inFlight).toBe((q.state.events.at(-1)!.body as { userId: string }).userId);

    q.state.answerDelayMs = 0;
    workers.push(startWorkerProcess(env));
    // pg-boss fails the silent job after its 30 s heartbeat and retries it on the new worker.
    await expect.poll(async () => (await handle.db.select().from(integrationRuns).where(eq(integrationRuns.id, run.id)))[0].status, { timeout: 150_000, interval: 500 })
      .toBe('completed');

    const [done] = await handle.db.select().from(integrationRuns).where(eq(integrationRuns.id, run.id));
    expect(done).toMatchObject({ attempt: 2, updatedCount: PEOPLE, rejectedCount: 0 });
    const received = q.state.events.map((e) => (e.body as { userId: string }).userId).sort();
    expect(received).toEqual(Array.from({ length: PEOPLE }, (_, i) => userId(i)));
    expect(q.state.replays).toBe(1);
    expect(done.steps.find((s) => s.name === 'Send')?.message).toMatch(/1 row whose call was under way when the last attempt stopped went again with the same Idempotency-Key/);
  }, 240_000);
});
