import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { selectRows, type DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { insertApiKey, revokeApiKey } from '@/db/queries/api-keys';
import { generateApiKey } from '@/lib/secrets/api-key';
import { startQueueOnly, workspaceWithIntegration } from '@/lib/runs/testing';
import { openDatabase } from '@/db/client';
import { handleGetRun, handleStartRun, runsRateLimit } from './runs-api';

const post = (key: string | null, body?: string) => new Request('http://localhost/api/v1/integrations/x/runs', {
  method: 'POST', headers: key ? { authorization: `Bearer ${key}` } : {}, body,
});
const get = (key: string) => new Request('http://localhost/api/v1/runs/x', { headers: { authorization: `Bearer ${key}` } });

describe.each(testDatabaseKinds)('the runs API on %s', (kind) => {
  let handle: DatabaseHandle;
  let boss: PgBoss;
  let keyA: string;
  let keyB: string;
  let keyIdA: string;
  let integrationA: string;
  let workspaceA: string;
  let integrationB: string;

  async function newKey(workspaceId: string) {
    const key = generateApiKey();
    const row = await insertApiKey(handle.db, { workspaceId, name: 'ci', prefix: key.prefix, secretHash: key.hash, createdBy: null });
    return { secret: key.secret, id: row.id };
  }

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    boss = await startQueueOnly(handle);
    const a = await workspaceWithIntegration(handle, boss, 'api-a');
    const b = await workspaceWithIntegration(handle, boss, 'api-b');
    integrationA = a.integration.id;
    workspaceA = a.ctx.user.workspaceId;
    integrationB = b.integration.id;
    const ka = await newKey(a.ctx.user.workspaceId);
    keyA = ka.secret;
    keyIdA = ka.id;
    keyB = (await newKey(b.ctx.user.workspaceId)).secret;
  });
  afterAll(async () => {
    await boss.stop({ graceful: false, timeout: 1000 });
    await handle.close();
  });

  it('answers 401 without a key, with an unknown key and with a revoked key', async () => {
    const missing = await handleStartRun(handle.db, boss, post(null), integrationA);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect((await handleStartRun(handle.db, boss, post('dic_unknown'), integrationA)).status).toBe(401);
    const revoked = await newKey(workspaceA);
    await revokeApiKey(handle.db, workspaceA, revoked.id);
    const after = await handleStartRun(handle.db, boss, post(revoked.secret), integrationA);
    expect(after.status).toBe(401);
    expect((await after.json()).error).toMatch(/revoked/);
    expect((await handleGetRun(handle.db, get('dic_unknown'), integrationA)).status).toBe(401);
  });

  it("answers 404 for another workspace's integration and for an id that is not one", async () => {
    const foreign = await handleStartRun(handle.db, boss, post(keyB), integrationA);
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await handleStartRun(handle.db, boss, post(keyA), integrationB)).status).toBe(404);
    expect((await handleStartRun(handle.db, boss, post(keyB), 'not-an-id')).status).toBe(404);
  });

  it('answers 400 for a body other than {"fullResync": true|false}', async () => {
    expect((await handleStartRun(handle.db, boss, post(keyA, '{"fullResync":"yes"}'), integrationA)).status).toBe(400);
    expect((await handleStartRun(handle.db, boss, post(keyA, 'not json'), integrationA)).status).toBe(400);
  });

  it('starts a run with 202 and its id, then 409 while it is active; the run reads back with status, counts and progress', async () => {
    const started = await handleStartRun(handle.db, boss, post(keyA, '{"fullResync": true}'), integrationA);
    expect(started.status).toBe(202);
    const { runId, status } = await started.json() as { runId: string; status: string };
    expect(status).toBe('queued');
    expect(started.headers.get('location')).toBe(`/api/v1/runs/${runId}`);

    const again = await handleStartRun(handle.db, boss, post(keyA), integrationA);
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({
      code: 'CONFLICT', error: 'Logins Review to Contact is already running; wait for it to finish.', details: { activeRunId: runId },
    });

    await handle.db.execute(sql`update integration_runs set status = 'running', started_at = '2026-06-01T08:00:00Z', rows_to_process = 400,
      rows_processed = 100, read_count = 400, unchanged_count = 200, attempt = 1 where id = ${runId}`);
    const running = await handleGetRun(handle.db, get(keyA), runId, new Date('2026-06-01T08:00:30Z'));
    expect(running.status).toBe(200);
    expect(await running.json()).toMatchObject({
      id: runId, integrationId: integrationA, status: 'running', statusLabel: 'Running', trigger: 'api', fullResync: true,
      startedAt: '2026-06-01T08:00:00.000Z', finishedAt: null, runtimeMs: 30_000,
      progress: { rowsProcessed: 100, rowsToProcess: 400, percent: 25 },
      counts: { read: 400, unchanged: 200, matched: 0, noMatch: 0, multipleMatches: 0, updated: 0, rejected: 0 },
    });

    await handle.db.execute(sql`update integration_runs set status = 'completed', finished_at = '2026-06-01T08:01:00Z', rows_processed = 400,
      updated_count = 190, rejected_count = 10, message = 'Completed with 10 rejected rows' where id = ${runId}`);
    const done = await (await handleGetRun(handle.db, get(keyA), runId)).json();
    expect(done).toMatchObject({ status: 'completed', statusLabel: 'Completed', runtimeMs: 60_000, counts: { updated: 190, rejected: 10 }, progress: { percent: 100 } });
    expect((await handleGetRun(handle.db, get(keyB), runId)).status).toBe(404);

    const audit = await selectRows<{ details: { apiKeyId: string } }>(handle.db, sql`select details from audit_entries where action = 'integration.run' and target_id = ${integrationA}`);
    expect(audit.map((r) => r.details.apiKeyId)).toEqual([keyIdA]);
  });
});

/** A workspace with an integration and two API keys, for the rate-limit suites. */
function limitWorld(kind: (typeof testDatabaseKinds)[number]) {
  const world = { handle: undefined as unknown as DatabaseHandle, boss: undefined as unknown as PgBoss, integrationId: '', keys: [] as string[] };
  beforeAll(async () => {
    world.handle = await createTestDatabase(kind);
    world.boss = await startQueueOnly(world.handle);
    const a = await workspaceWithIntegration(world.handle, world.boss, 'api-limit');
    world.integrationId = a.integration.id;
    for (const name of ['first', 'second']) {
      const key = generateApiKey();
      await insertApiKey(world.handle.db, { workspaceId: a.ctx.user.workspaceId, name, prefix: key.prefix, secretHash: key.hash, createdBy: null });
      world.keys.push(key.secret);
    }
  });
  afterAll(async () => {
    await world.boss.stop({ graceful: false, timeout: 1000 });
    await world.handle.close();
  });
  afterEach(() => { runsRateLimit.configure(); });
  return world;
}

describe.each(testDatabaseKinds)('the runs API rate limit on %s', (kind) => {
  const w = limitWorld(kind);

  it('answers 429 with Retry-After once a key used its allowance, starts and reads together, without slowing another key', async () => {
    runsRateLimit.configure({ points: 3, durationSeconds: 30 });
    const { handle, boss, integrationId, keys } = w;
    const limiter = runsRateLimit.limiterFor(handle);
    const started = await handleStartRun(handle.db, boss, post(keys[0]), integrationId, { limiter });
    expect(started.status).toBe(202);
    const { runId } = await started.json() as { runId: string };
    expect((await handleGetRun(handle.db, get(keys[0]), runId, new Date(), { limiter })).status).toBe(200);
    expect((await handleGetRun(handle.db, get(keys[0]), runId, new Date(), { limiter })).status).toBe(200);
    for (const limited of [await handleGetRun(handle.db, get(keys[0]), runId, new Date(), { limiter }), await handleStartRun(handle.db, boss, post(keys[0]), integrationId, { limiter })]) {
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(30);
      expect(await limited.json()).toMatchObject({ code: 'RATE_LIMITED', error: expect.stringMatching(/^Too many requests to the runs API for this API key\. Retry after \d+ s\.$/) });
    }
    expect((await handleGetRun(handle.db, get(keys[1]), runId, new Date(), { limiter })).status).toBe(200);
    // An unknown key is refused before it can use anyone's allowance.
    expect((await handleGetRun(handle.db, get('dic_unknown'), runId, new Date(), { limiter })).status).toBe(401);
  });
});

// Several web instances on one PostgreSQL database, each with its own pool.
describe.each(testDatabaseKinds.filter((k) => k === 'postgres'))('the runs API rate limit across instances on %s', (kind) => {
  const w = limitWorld(kind);

  it('counts in the database, so two instances together allow the limit once', async () => {
    runsRateLimit.configure({ points: 2, durationSeconds: 30 });
    const other = await openDatabase({ kind: 'postgres', url: w.handle.url!, poolSize: 2 });
    try {
      const statuses = [];
      for (const h of [w.handle, other, w.handle]) statuses.push((await handleGetRun(h.db, get(w.keys[0]), w.integrationId, new Date(), { limiter: runsRateLimit.limiterFor(h) })).status);
      // 404: the id is an integration's, not a run's; the third request is refused before it is looked up.
      expect(statuses).toEqual([404, 404, 429]);
    } finally {
      await other.close();
    }
  });
});
