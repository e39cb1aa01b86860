import { eq } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { getInboundTrigger } from '@/db/queries/inbound-triggers';
import { inboundTriggers, insightEvents, integrationRuns } from '@/db/schema';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import type { Ctx } from '@/lib/auth/session';
import { createInboundTrigger } from '@/lib/dal/inbound-triggers';
import { inboundTriggerSchema } from './schemas';
import { handleInboundCall, MAX_INBOUND_BYTES, type InboundDeps, type StartInboundRun } from './inbound';
import { createInboundLimiters } from './inbound-limiter';
import { inboundRunStarter } from './inbound-run';
import { startQueueOnly, workspaceWithIntegration } from '@/lib/runs/testing';

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

describe.each(testDatabaseKinds)('inbound JSON-event endpoint (%s)', (kind) => {
  let handle: DatabaseHandle;
  let admin: Ctx;
  let integrationId: string;
  let runTrigger: { id: string; username: string; password: string };
  let eventTrigger: { id: string; username: string; password: string };
  let boss: PgBoss;
  const started: string[] = [];
  let deps: InboundDeps;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    boss = await startQueueOnly(handle);
    const made = await workspaceWithIntegration(handle, boss, 'Inbound');
    admin = made.ctx;
    integrationId = made.integration.id;
    runTrigger = await createInboundTrigger(admin, inboundTriggerSchema.parse({ name: 'Renewal', fields: 'Company GSID, Renewal Date', actionKind: 'run_integration', integrationId }));
    eventTrigger = await createInboundTrigger(admin, inboundTriggerSchema.parse({
      name: 'Onboarding done', actionKind: 'record_event', eventType: 'gainsight_onboarding_completed', userIdField: 'User ID', emailField: 'Email', properties: 'company = Company GSID\nstage = journey.stage',
    }));
    // The real start-run function, recording the runs it started for the assertions below.
    const real = inboundRunStarter(boss);
    const startRun: StartInboundRun = async (db, input) => {
      const { runId } = await real(db, input);
      if (!started.includes(runId)) started.push(runId);
      return { runId };
    };
    deps = { db: handle.db, limiters: createInboundLimiters(handle), startRun };
  });
  afterAll(async () => { await boss.stop({ graceful: false, timeout: 500 }).catch(() => undefined); await handle.close(); });

  const call = (id: string, body: BodyInit | null, headers: Record<string, string>, extra: RequestInit = {}) =>
    handleInboundCall(deps, new Request(`http://dic.test/api/v1/inbound/${id}`, { method: 'POST', headers, body, ...extra }), id);
  const json = (t: { username: string; password: string }) => ({ 'content-type': 'application/json', authorization: basic(t.username, t.password) });
  const stored = async (id: string) => (await getInboundTrigger(handle.db, admin.user.workspaceId, id))!;

  it('accepts a Gainsight call: 202 with eventId and requestId, keeps the JSON and starts the run', async () => {
    const res = await call(runTrigger.id, JSON.stringify({ 'Company GSID': '1P02ABC', 'Renewal Date': '2027-01-31' }), json(runTrigger));
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toEqual({ eventId: expect.stringMatching(/^EV_/), requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const row = await stored(runTrigger.id);
    expect(row).toMatchObject({ lastCapture: { 'Company GSID': '1P02ABC', 'Renewal Date': '2027-01-31' }, lastEventId: body.eventId, lastRunId: started.at(-1), callCount: 1 });
    expect(started).toHaveLength(1);
    const [run] = await handle.db.select().from(integrationRuns).where(eq(integrationRuns.id, started.at(-1)!));
    expect(run).toMatchObject({ integrationId, trigger: 'inbound', status: 'queued' });
    // Gainsight calls once per row: a second call while the run is queued joins it instead of failing.
    const again = await call(runTrigger.id, '{"Company GSID": "1P02DEF"}', json(runTrigger));
    expect(again.status).toBe(202);
    expect((await stored(runTrigger.id)).lastRunId).toBe(run.id);
    expect(started).toHaveLength(1);
  });

  it('records an Insights event from the mapped fields, nested ones by path', async () => {
    const res = await call(eventTrigger.id, JSON.stringify({ 'User ID': 'u-77', Email: 'ana@example.com', 'Company GSID': '1P02X', journey: { stage: 'done' } }), json(eventTrigger));
    expect(res.status).toBe(202);
    const { eventId } = await res.json();
    const [event] = await handle.db.select().from(insightEvents).where(eq(insightEvents.clientId, eventId));
    expect(event).toMatchObject({ type: 'gainsight_onboarding_completed', properties: { company: '1P02X', stage: 'done' } });
  });

  it('refuses bad credentials with 401 and a Basic challenge, the same for an unknown trigger, storing nothing', async () => {
    const before = await stored(runTrigger.id);
    const runs = started.length;
    for (const headers of <Array<Record<string, string>>>[
      { 'content-type': 'application/json' },
      { 'content-type': 'application/json', authorization: basic(runTrigger.username, 'wrong') },
      { 'content-type': 'application/json', authorization: basic('dic_in_other', runTrigger.password) },
      { 'content-type': 'application/json', authorization: basic(eventTrigger.username, eventTrigger.password) },
      { 'content-type': 'application/json', authorization: `Bearer ${runTrigger.password}` },
    ]) {
      const res = await call(runTrigger.id, '{"a":1}', headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
      expect((await res.json()).error).toMatch(/Wrong or missing credentials/);
    }
    expect((await call('00000000-0000-4000-8000-000000000000', '{}', json(runTrigger))).status).toBe(401);
    expect((await call('not-a-uuid', '{}', json(runTrigger))).status).toBe(401);
    expect(await stored(runTrigger.id)).toEqual(before);
    expect(started.length).toBe(runs);
  });

  it('refuses a body that is not JSON with 400, storing nothing', async () => {
    const before = await stored(runTrigger.id);
    const cases: Array<[string, Record<string, string>]> = [
      ['{"a":', json(runTrigger)], ['[1,2]', json(runTrigger)], ['null', json(runTrigger)],
      ['a=1', { ...json(runTrigger), 'content-type': 'application/x-www-form-urlencoded' }],
      ['{"a":1}', { authorization: json(runTrigger).authorization, 'content-type': 'text/plain' }],
    ];
    for (const [body, headers] of cases) {
      const res = await call(runTrigger.id, body, headers);
      expect(res.status, body).toBe(400);
      expect((await res.json()).code).toBe('VALIDATION');
    }
    expect(await stored(runTrigger.id)).toEqual(before);
  });

  it('refuses more than 100 KB with 413, declared or streamed without a length', async () => {
    const before = await stored(runTrigger.id);
    const big = JSON.stringify({ t: 'x'.repeat(MAX_INBOUND_BYTES) });
    const declared = await call(runTrigger.id, big, { ...json(runTrigger), 'content-length': String(Buffer.byteLength(big)) });
    expect(declared.status).toBe(413);
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 1000) { controller.close(); return; }
        controller.enqueue(new TextEncoder().encode(pulled === 1 ? '{"t":"' : 'x'.repeat(1024)));
      },
    });
    const streamed = await call(runTrigger.id, stream, json(runTrigger), { duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(pulled).toBeLessThan(200); // stopped reading soon after the limit, not at the end of the stream
    expect(await stored(runTrigger.id)).toEqual(before);
  });

  it('answers 400 naming the missing field when an event cannot be recorded, and 409 when the integration is gone', async () => {
    const res = await call(eventTrigger.id, JSON.stringify({ Email: 'x@example.com' }), json(eventTrigger));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toContain('"User ID"');
    const orphan = await createInboundTrigger(admin, inboundTriggerSchema.parse({ name: 'Orphan', actionKind: 'run_integration', integrationId }));
    await handle.db.update(inboundTriggers).set({ integrationId: null }).where(eq(inboundTriggers.id, orphan.id));
    const gone = await call(orphan.id, '{}', json(orphan));
    expect(gone.status).toBe(409);
    expect((await stored(orphan.id)).callCount).toBe(0);
  });

  it('limits calls per trigger with 429 and Retry-After, and wrong-credential attempts too', async () => {
    const strict: InboundDeps = {
      ...deps,
      limiters: { calls: new RateLimiterMemory({ points: 2, duration: 60 }), failedAuth: new RateLimiterMemory({ points: 3, duration: 60 }) },
    };
    const send = (headers: Record<string, string>) => handleInboundCall(strict, new Request('http://dic.test/x', { method: 'POST', headers, body: '{}' }), runTrigger.id);
    expect((await send(json(runTrigger))).status).toBe(202);
    expect((await send(json(runTrigger))).status).toBe(202);
    const limited = await send(json(runTrigger));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const wrong = { ...json(runTrigger), authorization: basic(runTrigger.username, 'guess') };
    for (let i = 0; i < 3; i += 1) expect((await send(wrong)).status).toBe(401);
    expect((await send(wrong)).status).toBe(429);
  });

  it('keeps the limiter counters in the database on PostgreSQL, shared by every instance', async () => {
    if (kind !== 'postgres') return;
    const a = createInboundLimiters(handle, { callsPerMinute: 2, failedAuthPerMinute: 2 });
    const b = createInboundLimiters(handle, { callsPerMinute: 2, failedAuthPerMinute: 2 });
    await a.calls.consume('shared-key');
    await b.calls.consume('shared-key');
    await expect(a.calls.consume('shared-key')).rejects.toMatchObject({ remainingPoints: 0 });
  });
});
