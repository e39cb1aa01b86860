import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_QUALTRICS_USER, startQualtricsEmulator, type RunningQualtricsEmulator } from '@/emulators/qualtrics';
import type { DatabaseHandle } from '@/db/client';
import { listActions } from '@/db/queries/connectors';
import { integrationRunRows, integrationRuns, integrations, type RowFilter } from '@/db/schema';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import type { Ctx } from '@/lib/auth/session';
import { createTestWorkspace } from '@/lib/auth/testing';
import { qualtricsEventSchema } from '@/lib/connectors/schemas';
import { saveQualtricsEvent } from '@/lib/dal/connector-actions';
import { saveQualtricsConnection } from '@/lib/dal/connectors';
import { allowOutboundOrigin } from '@/lib/connectors/outbound-allowlist';
import { ingestForTest } from '@/lib/insights/testing';
import { executeRun, type SyncDeps } from './execute-run';
import { quietLog } from './run-testing';

const PEOPLE = 30;
// Person i answers NPS score i % 11: scores 0-6 are detractors.
const score = (i: number) => i % 11;
const detractors = Array.from({ length: PEOPLE }, (_, i) => i).filter((i) => score(i) <= 6);
const userId = (i: number) => `u-${String(i).padStart(3, '0')}`;
const DETRACTORS: RowFilter[] = [{ column: 'NPS Category', operator: 'eq', value: 'Detractor' }];

describe.each(testDatabaseKinds)('connector runs on %s', (kind) => {
  let handle: DatabaseHandle;
  let admin: Ctx;
  let q: RunningQualtricsEmulator;
  let deps: SyncDeps;
  let actionId: string;
  let integrationId: string;
  const waits: number[] = [];
  const basic = `Basic ${Buffer.from(`${DEMO_QUALTRICS_USER.username}:${DEMO_QUALTRICS_USER.apiToken}`).toString('base64')}`;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    admin = await createTestWorkspace(handle.db, `Push ${kind}`);
    q = await startQualtricsEmulator();
    const outbound = { allowedPrivateOrigins: [q.baseUrl] };
    deps = {
      db: handle.db, clock: () => new Date(), log: quietLog, tuning: { heartbeatMs: 60_000 }, outbound,
      salesforceFor: () => { throw new Error('a connector run must not ask for Salesforce'); },
      connectorRetry: { retries: 3, minDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 10, sleep: async (ms) => { waits.push(ms); } },
    };
    await ingestForTest(handle.db, admin.user.workspaceId, Array.from({ length: PEOPLE }, (_, i) => ({
      id: `nps-${i}`, userId: userId(i), email: `person${i}@example.com`, type: 'nps', timestamp: '2026-11-20T09:00:00Z', properties: { score: score(i) },
    })));
    // The emulator's origin is allowed, as the demo registers its own: the DAL checks URLs against the allowlist.
    allowOutboundOrigin(q.baseUrl);
    await saveQualtricsConnection(admin, { username: DEMO_QUALTRICS_USER.username, apiToken: DEMO_QUALTRICS_USER.apiToken });
    await saveQualtricsEvent(admin, qualtricsEventSchema.parse({ name: 'NPS detractor follow-up', url: q.eventUrl(), payloadTemplate: '{ }' }));
    actionId = (await listActions(handle.db, admin.user.workspaceId))[0].id;
    const [row] = await handle.db.insert(integrations).values({
      workspaceId: admin.user.workspaceId, name: 'NPS to Qualtrics', destinationKind: 'qualtrics', actionId, reportId: 'nps',
      mappings: [{ column: 'User ID', field: 'userId' }, { column: 'Email', field: 'email' }, { column: 'NPS Score', field: 'score' }],
      filters: DETRACTORS,
    }).returning();
    integrationId = row.id;
  }, 60_000);
  afterAll(async () => { await q.close(); await handle.close(); });
  beforeEach(() => { q.state.forced = []; });

  const run = async (options: { fullResync?: boolean } = {}) => {
    const [r] = await handle.db.insert(integrationRuns).values({
      workspaceId: admin.user.workspaceId, integrationId, integrationVersion: 1, trigger: 'manual', fullResync: options.fullResync ?? false,
    }).returning();
    const result = await executeRun(deps, { workspaceId: admin.user.workspaceId, runId: r.id });
    const [after] = await handle.db.select().from(integrationRuns).where(eq(integrationRuns.id, r.id));
    return { result, run: after };
  };

  it('makes one call per detractor with the Basic header and the mapped fields, and logs each row', async () => {
    const { result, run: r } = await run();
    expect(result.status).toBe('completed');
    expect(q.state.events).toHaveLength(detractors.length);
    expect(q.state.events.every((e) => e.authorizationHeader === basic)).toBe(true);
    expect(q.state.events.map((e) => e.body).sort((a, b) => String((a as { userId: string }).userId).localeCompare(String((b as { userId: string }).userId))))
      .toEqual(detractors.map((i) => ({ userId: userId(i), email: `person${i}@example.com`, score: score(i) })));
    expect(r).toMatchObject({ readCount: PEOPLE, unchangedCount: 0, updatedCount: detractors.length, rejectedCount: 0, rowsProcessed: PEOPLE, apiCalls: detractors.length });
    expect(r.steps.map((s) => s.name)).toEqual(['Check action', 'Read report', 'Send', 'Finish']);
    expect(r.message).toBe(`Completed: ${PEOPLE} rows read, ${PEOPLE - detractors.length} filtered out, 0 unchanged, ${detractors.length} sent, 0 rejected.`);
    const rows = await handle.db.select().from(integrationRunRows).where(eq(integrationRunRows.runId, r.id));
    expect(rows).toHaveLength(detractors.length);
    const eventIds = new Set(q.state.events.map((e) => e.eventId));
    expect(rows.every((row) => row.outcome === 'updated' && eventIds.has(row.recordIds[0]))).toBe(true);
    // Each call names its run and row, so a receiver can recognise a repeat after a crash.
    expect(q.state.events.map((e) => e.idempotencyKey).sort()).toEqual(detractors.map((i) => `${r.id}:${userId(i)}`));
  });

  it('sends nothing on a second run, only a changed row on the next, and every row when asked', async () => {
    const sent = q.state.events.length;
    const second = await run();
    expect(q.state.events.length).toBe(sent);
    expect(second.run).toMatchObject({ unchangedCount: detractors.length, updatedCount: 0, apiCalls: 0 });
    await ingestForTest(handle.db, admin.user.workspaceId, [{ id: 'nps-late', userId: userId(detractors[0]), type: 'nps', timestamp: '2026-11-21T09:00:00Z', properties: { score: 1 } }]);
    const third = await run();
    expect(q.state.events.length).toBe(sent + 1);
    expect(q.state.events.at(-1)!.body).toMatchObject({ userId: userId(detractors[0]), score: 1 });
    expect(third.run.updatedCount).toBe(1);
    const full = await run({ fullResync: true });
    expect(full.run.updatedCount).toBe(detractors.length);
    expect(q.state.events.length).toBe(sent + 1 + detractors.length);
  });

  it('retries 429 and 503 with backoff, honouring Retry-After, and rejects a row Qualtrics refuses', async () => {
    await handle.db.update(integrations).set({ sendUnchanged: true }).where(eq(integrations.id, integrationId));
    q.state.forced.push({ status: 429, remaining: 1, retryAfterSeconds: 2 }, { status: 503, remaining: 1 }, { status: 400, remaining: 1 });
    waits.length = 0;
    const before = q.state.events.length;
    const { run: r } = await run();
    expect(waits).toContain(10); // Retry-After 2 s, capped by the test policy at 10 ms
    expect(r).toMatchObject({ status: 'completed', updatedCount: detractors.length - 1, rejectedCount: 1, apiCalls: detractors.length + 2 });
    expect(q.state.events.length - before).toBe(detractors.length - 1);
    const [refused] = await handle.db.select().from(integrationRunRows).where(and(eq(integrationRunRows.runId, r.id), eq(integrationRunRows.outcome, 'rejected')));
    expect(refused).toMatchObject({ errorCode: 'HTTP_400', message: expect.stringMatching(/^Qualtrics answered 400: /) });
    await handle.db.update(integrations).set({ sendUnchanged: false }).where(eq(integrations.id, integrationId));
  });

  it('fails the run with a clear message when Qualtrics refuses the credentials, sending nothing more', async () => {
    await saveQualtricsConnection(admin, { username: DEMO_QUALTRICS_USER.username, apiToken: 'revoked-token' });
    const before = q.state.events.length;
    const { result, run: r } = await run({ fullResync: true });
    expect(result.status).toBe('failed');
    expect(r.errorCode).toBe('CONNECTOR_AUTH');
    expect(r.message).toMatch(/^Qualtrics refused the credentials \(401\).*Check the Qualtrics username and API token/);
    expect(q.state.events.length).toBe(before);
    await saveQualtricsConnection(admin, { username: DEMO_QUALTRICS_USER.username, apiToken: DEMO_QUALTRICS_USER.apiToken });
  });

  it('fails before sending when a mapped column is gone, naming it', async () => {
    await handle.db.update(integrations).set({ mappings: [{ column: 'Renewal Date', field: 'renewal' }] }).where(eq(integrations.id, integrationId));
    const { result, run: r } = await run();
    expect(result.status).toBe('failed');
    expect(r).toMatchObject({ errorCode: 'MAPPING_INVALID', message: expect.stringContaining('no column "Renewal Date"') });
  });
});
