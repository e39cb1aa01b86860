import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { insertApiKey, revokeApiKey } from '@/db/queries/api-keys';
import { countEndUsers, countEvents } from '@/db/queries/insights-events';
import { generateApiKey } from '@/lib/secrets/api-key';
import { configureEventsRateLimit, eventsRateLimiter, handleEventsRequest, MAX_BODY_BYTES } from './events-api';
import { openDatabase } from '@/db/client';
import { listRateLimits } from '@/db/queries/rate-limits';
import { previewReport } from './report-rows';
import { createInsightsWorkspace } from './testing';
import { sql } from 'drizzle-orm';
import { captureLogs } from '@/lib/log-capture';

const URL_ = 'http://localhost/api/v1/events';
const now = () => new Date('2026-06-30T12:00:00Z');

function post(body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Request {
  return new Request(URL_, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit);
}

const login = (userId: string, extra: Record<string, unknown> = {}) => ({ userId, type: 'login', timestamp: '2026-06-29T08:00:00Z', ...extra });

describe.each(testDatabaseKinds)('POST /api/v1/events on %s', (kind) => {
  let handle: DatabaseHandle;
  let workspaceA: string;
  let workspaceB: string;
  let keyA: string;
  let keyB: string;

  async function newKey(workspaceId: string) {
    const key = generateApiKey();
    const row = await insertApiKey(handle.db, { workspaceId, name: 'test', prefix: key.prefix, secretHash: key.hash, createdBy: null });
    return { secret: key.secret, id: row.id };
  }
  const send = (key: string, body: unknown) => handleEventsRequest(handle.db, post(JSON.stringify(body), { authorization: `Bearer ${key}` }), { now });

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    workspaceA = await createInsightsWorkspace(handle.db, {}, 'A');
    workspaceB = await createInsightsWorkspace(handle.db, {}, 'B');
    keyA = (await newKey(workspaceA)).secret;
    keyB = (await newKey(workspaceB)).secret;
  });
  afterAll(async () => { await handle.close(); });
  afterEach(() => { configureEventsRateLimit(); });

  it('answers 401 without a key, with an unknown key and with a revoked key', async () => {
    const missing = await handleEventsRequest(handle.db, post(JSON.stringify({ events: [login('x')] })));
    expect(missing.status).toBe(401);
    expect((await missing.json()).error).toMatch(/Bearer/);
    expect((await send('dic_not-a-real-key', { events: [login('x')] })).status).toBe(401);
    const basic = await handleEventsRequest(handle.db, post('{}', { authorization: `Basic ${keyA}` }));
    expect(basic.status).toBe(401);
    const revoked = await newKey(workspaceA);
    expect((await send(revoked.secret, { events: [login('before-revoke')] })).status).toBe(202);
    await revokeApiKey(handle.db, workspaceA, revoked.id);
    const after = await send(revoked.secret, { events: [login('after-revoke')] });
    expect(after.status).toBe(401);
    expect((await after.json()).error).toMatch(/revoked/);
  });

  it('answers 400 for malformed JSON and for a wrong shape, naming the reason', async () => {
    const auth = { authorization: `Bearer ${keyA}` };
    const malformed = await handleEventsRequest(handle.db, post('{"events": [', auth));
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error).toMatch(/not valid JSON/);
    const empty = await handleEventsRequest(handle.db, post('', auth));
    expect(empty.status).toBe(400);
    for (const [body, reason] of [
      [[login('x')], /"events" array/],
      [{ events: 'nope' }, /events/],
      [{ events: [] }, /at least one/],
      [{ events: Array.from({ length: 1001 }, (_, i) => login(`u${i}`)) }, /^Send at most 1,000 events per request/],
    ] as const) {
      const response = await send(keyA, body);
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatch(reason);
    }
  });

  it('answers 413 for a declared or an actual body over 1 MiB, without storing anything', async () => {
    const before = await countEvents(handle.db, workspaceA);
    const auth = { authorization: `Bearer ${keyA}` };
    const declared = await handleEventsRequest(handle.db, post('{"events":[]}', { ...auth, 'content-length': String(MAX_BODY_BYTES + 1) }));
    expect(declared.status).toBe(413);
    // A streamed body has no Content-Length; the bytes read are counted instead.
    const padding = 'x'.repeat(MAX_BODY_BYTES);
    const big = JSON.stringify({ events: [login('big', { properties: { padding } })] });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(big);
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.subarray(i, i + 64 * 1024));
        controller.close();
      },
    });
    const actual = await handleEventsRequest(handle.db, post(stream, auth));
    expect(actual.status).toBe(413);
    expect((await actual.json()).error).toMatch(/at most 1048576 bytes/);
    expect(await countEvents(handle.db, workspaceA)).toBe(before);
  });

  it('answers 429 with Retry-After once a key exceeds its limit, without slowing other keys', async () => {
    configureEventsRateLimit({ points: 2, durationSeconds: 30 });
    expect((await send(keyA, { events: [login('r1')] })).status).toBe(202);
    expect((await send(keyA, { events: [login('r2')] })).status).toBe(202);
    const limited = await send(keyA, { events: [login('r3')] });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect((await limited.json()).error).toMatch(/Too many requests/);
    expect((await send(keyB, { events: [login('other-key')] })).status).toBe(202);
  });

  it('refuses an event with a NUL byte, a lone surrogate or 100,000 levels of nesting by itself, storing the rest', async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const body = `{"events":[${JSON.stringify(login('nul-1', { properties: { note: 'a\u0000b' } }))},`
      + `${JSON.stringify(login('ok-1'))},{"userId":"sur-1","type":"login","timestamp":"2026-06-29T08:00:00Z","properties":{"x":"\\ud800"}},`
      + `{"userId":"deep-1","type":"login","timestamp":"2026-06-29T08:00:00Z","properties":${deep}},${JSON.stringify(login('ok-2'))}]}`;
    const response = await handleEventsRequest(handle.db, post(body, { authorization: `Bearer ${keyB}` }), { now });
    expect(response.status).toBe(202);
    const result = await response.json();
    expect(result.accepted).toBe(2);
    expect(result.rejected.map((r: { index: number }) => r.index)).toEqual([0, 2, 3]);
    expect(result.rejected[0].problems).toEqual([{ field: 'properties.note', message: 'properties.note contains a NUL character (\\u0000), which cannot be stored; remove it.' }]);
    expect(result.rejected[1].problems).toEqual([{ field: 'properties.x', message: expect.stringMatching(/^properties\.x contains a lone UTF-16 surrogate/) }]);
    expect(result.rejected[2].problems).toEqual([{ field: expect.stringMatching(/^properties(\.a)+$/), message: expect.stringMatching(/is nested more than \d+ levels deep; flatten the properties\.$/) }]);
  });

  it('a request the database fails is logged by error code and statement, without its events or emails', async () => {
    await handle.db.execute(sql`alter table insights_end_users add constraint refuse_all check (false) not valid`);
    const logs = captureLogs();
    try {
      const response = await send(keyB, { events: [login('leak-1', { email: 'private.person@example.com' })] });
      expect(response.status).toBe(500);
    } finally {
      logs.restore();
      await handle.db.execute(sql`alter table insights_end_users drop constraint refuse_all`);
    }
    expect(logs.text()).not.toContain('private.person@example.com');
    expect(logs.text()).not.toContain('leak-1');
    const [entry] = logs.lines();
    expect(entry).toMatchObject({ msg: 'insights ingestion failed', err: { message: 'Failed query', code: '23514', statement: expect.any(String) } });
  });

  it('lists every problem of an event, and answers 400 when every event is rejected', async () => {
    const response = await send(keyB, { events: [
      { userId: '', type: 'nps', timestamp: '1999-01-01T00:00:00Z', email: 'not-an-email', properties: { score: 'ten' } },
      { type: 'login' },
    ] });
    expect(response.status).toBe(400);
    const result = await response.json();
    expect(result.error).toMatch(/Every event was rejected, so nothing was stored/);
    expect(result.accepted).toBe(0);
    expect(result.rejected[0].problems).toEqual([
      { field: 'userId', message: 'userId is missing; it must be the end user\'s id in your product.' },
      { field: 'email', message: 'email must be an email address, like ana@example.com (found “not-an-email”).' },
      { field: 'timestamp', message: 'timestamp must be on or after 1 January 2000 (found “1999-01-01T00:00:00Z”).' },
      { field: 'properties.score', message: 'properties.score must be a whole number from 0 to 10 (found “ten”).' },
    ]);
    expect(result.rejected[0].message).toBe(result.rejected[0].problems.map((p: { message: string }) => p.message).join(' '));
    expect(result.rejected[1].problems.map((p: { field: string }) => p.field)).toEqual(['userId', 'timestamp']);
  });

  it('answers 202 with accepted, duplicates and rejected events by index', async () => {
    const response = await send(keyA, {
      events: [
        { id: 'evt-1', ...login('p1', { email: 'p1@example.com' }) },
        { id: 'evt-1', ...login('p1') },
        { userId: 'p2', type: 'nps', timestamp: '2026-06-29T08:00:00Z', properties: { score: 11 } },
        { userId: 'p3', type: 'login', timestamp: 'yesterday' },
        { id: 'evt-2', userId: 'p2', type: 'feature_used', timestamp: '2026-06-29T09:00:00Z', properties: { feature: 'export' } },
        { userId: 'p4', type: 'bad type!', timestamp: '2026-06-29T08:00:00Z' },
      ],
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({
      accepted: 2,
      duplicates: 1,
      rejected: [
        { index: 2, message: 'properties.score must be a whole number from 0 to 10 (found 11).',
          problems: [{ field: 'properties.score', message: 'properties.score must be a whole number from 0 to 10 (found 11).' }] },
        { index: 3, message: 'timestamp must be a date and time with a time zone, like 2026-01-31T09:30:00Z (found “yesterday”).',
          problems: [{ field: 'timestamp', message: expect.stringMatching(/^timestamp must be a date and time/) }] },
        { index: 5, message: expect.stringMatching(/^type must be an event type .*\(found “bad type!”\)\.$/), problems: [{ field: 'type', message: expect.any(String) }] },
      ],
    });
    // The same ids again are all duplicates; the rejected p2 NPS answer left no trace.
    const again = await send(keyA, { events: [{ id: 'evt-1', ...login('p1') }, { id: 'evt-2', ...login('p2') }] });
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    const nps = await previewReport(handle.db, workspaceA, 'nps', { asOf: now() });
    expect(nps.rows.map((r) => r['User ID'])).not.toContain('p2');
  });

  it('keeps workspaces apart: B never writes into or reads from A', async () => {
    const a = await createInsightsWorkspace(handle.db, {}, 'Iso A');
    const b = await createInsightsWorkspace(handle.db, {}, 'Iso B');
    const ka = (await newKey(a)).secret;
    const kb = (await newKey(b)).secret;
    expect(await (await send(ka, { events: [{ id: 'shared-id', ...login('same-user', { email: 'a@a.example' }) }, login('only-a')] })).json())
      .toMatchObject({ accepted: 2 });
    // The same event id and user id in B are B's own: not duplicates, and A's user is untouched.
    expect(await (await send(kb, { events: [{ id: 'shared-id', ...login('same-user', { email: 'b@b.example', timestamp: '2026-05-01T00:00:00Z' }) }] })).json())
      .toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const reportA = await previewReport(handle.db, a, 'logins-review', { asOf: now() });
    const reportB = await previewReport(handle.db, b, 'logins-review', { asOf: now() });
    expect(reportA.rows.map((r) => [r['User ID'], r.Email, r['# Logins Last 30 Days']])).toEqual([['only-a', null, 1], ['same-user', 'a@a.example', 1]]);
    expect(reportB.rows).toEqual([{ 'User ID': 'same-user', Email: 'b@b.example', 'First Login': new Date('2026-05-01T00:00:00Z'), 'Last Login': new Date('2026-05-01T00:00:00Z'), '# Logins Last 30 Days': 0 }]);
    expect(await countEndUsers(handle.db, b)).toBe(1);
  });
});

// Several web instances on one PostgreSQL database: each has its own pool, as separate processes would.
describe.each(testDatabaseKinds.filter((k) => k === 'postgres'))('the ingestion rate limit across instances on %s', (kind) => {
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  let key: string;
  beforeAll(async () => {
    first = await createTestDatabase(kind);
    second = await openDatabase({ kind: 'postgres', url: first.url!, poolSize: 2 });
    const workspaceId = await createInsightsWorkspace(first.db, {}, 'Shared');
    const generated = generateApiKey();
    await insertApiKey(first.db, { workspaceId, name: 'k', prefix: generated.prefix, secretHash: generated.hash, createdBy: null });
    key = generated.secret;
  });
  afterAll(async () => { await second.close(); await first.close(); });
  afterEach(() => { configureEventsRateLimit(); });

  it('two instances together allow the limit once, not twice', async () => {
    configureEventsRateLimit({ points: 3, durationSeconds: 30 });
    const via = (handle: DatabaseHandle, n: number) => handleEventsRequest(handle.db,
      post(JSON.stringify({ events: [login(`shared-${n}`)] }), { authorization: `Bearer ${key}` }), { now, limiter: eventsRateLimiter(handle) });
    const statuses = [];
    for (let n = 0; n < 4; n++) statuses.push((await via(n % 2 === 0 ? first : second, n)).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
    // The count is in the database, where every instance reads it.
    expect(await listRateLimits(second.db)).toEqual([{ key: expect.stringMatching(/^insights-events:/), points: 4 }]);
  });
});
