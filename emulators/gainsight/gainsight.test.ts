import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCESS_KEY, startGainsightEmulator, type RunningGainsightEmulator } from './index';

describe('Gainsight emulator', () => {
  let gs: RunningGainsightEmulator;
  const call = (method: string, path: string, body?: unknown, key = DEMO_ACCESS_KEY, headers: Record<string, string> = {}) =>
    fetch(`${gs.baseUrl}${path}`, { method, headers: { 'content-type': 'application/json', accesskey: key, ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });

  beforeAll(async () => { gs = await startGainsightEmulator({ limits: { perMinute: 8 } }); });
  afterAll(async () => { await gs.close(); });
  beforeEach(async () => { await fetch(`${gs.baseUrl}/__emulator/reset`, { method: 'POST' }); });

  it('inserts Companies and answers with Gainsight\'s envelope and Gsids', async () => {
    const res = await call('POST', '/v1/data/objects/Company', { records: [{ Name: 'Acme', ARR: 1200 }, { ARR: 5 }] });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ result: true, errorCode: null, errorDesc: null, requestId: expect.any(String), data: { count: 1, records: [{ Gsid: expect.stringMatching(/^1P02[A-Z0-9]{28}$/) }] } });
    expect(body.data.errors).toEqual([{ index: 1, errorCode: 'GS_REQUIRED_FIELD_MISSING', errorDesc: 'Name is required.' }]);
  });

  it('updates by keys, reads with a query, and upserts People on Email', async () => {
    await call('POST', '/v1/data/objects/Company', { records: [{ Name: 'Acme', ARR: 1 }] });
    const upd = await (await call('PUT', '/v1/data/objects/Company?keys=Name', { records: [{ Name: 'Acme', ARR: 2 }, { Name: 'Nobody', ARR: 3 }] })).json();
    expect(upd.data.count).toBe(1);
    expect(upd.data.errors[0]).toMatchObject({ index: 1, errorCode: 'GS_RECORD_NOT_FOUND' });
    const q = await (await call('POST', '/v1/data/objects/query/Company', { select: ['Name', 'ARR'], where: { conditions: [{ name: 'Name', operator: 'EQ', value: ['Acme'] }] } })).json();
    expect(q.data.records).toEqual([{ Name: 'Acme', ARR: 2 }]);
    expect((await call('PUT', '/v1/data/objects/Company?keys=A,B,C,D', { records: [] })).status).toBe(400);

    await call('PUT', '/v1/peoplemgmt/v1.0/people', { records: [{ Email: 'ana@example.com', Name: 'Ana' }] });
    await call('PUT', '/v1/peoplemgmt/v1.0/people', { records: [{ Email: 'ANA@example.com', Name: 'Ana B' }] });
    const people = await (await fetch(`${gs.baseUrl}/__emulator/objects/Person`)).json();
    expect(people).toHaveLength(1);
    expect(people[0].Name).toBe('Ana B');
  });

  it('refuses more than 50 records a call, a bad access key, and unknown objects', async () => {
    const tooMany = await call('POST', '/v1/data/objects/Company', { records: Array.from({ length: 51 }, (_, i) => ({ Name: `C${i}` })) });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ result: false, errorCode: 'GS_RECORD_LIMIT', data: null });
    const denied = await call('POST', '/v1/data/objects/Company', { records: [] }, 'wrong');
    expect(denied.status).toBe(401);
    expect((await denied.json()).errorCode).toBe('GS_AUTH_FAILED');
    expect((await call('POST', '/v1/data/objects/Opportunity', { records: [] })).status).toBe(404);
  });

  it('records what external actions send to the receiver', async () => {
    const res = await call('POST', '/v1/hooks/nps-followup?source=dic', { 'User ID': 'u-1', 'NPS Score': 3 });
    expect(res.status).toBe(200);
    const calls = await (await fetch(`${gs.baseUrl}/__emulator/calls?hook=nps-followup`)).json();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'POST', hook: 'nps-followup', query: { source: 'dic' }, body: { 'User ID': 'u-1', 'NPS Score': 3 } });
    expect(calls[0].headers.accesskey).toBe(DEMO_ACCESS_KEY);
    expect((await call('POST', '/v1/hooks/x', {}, 'bad')).status).toBe(401);
  });

  it('answers a repeat with the same Idempotency-Key like the first call and records the call once', async () => {
    const first = await call('POST', '/v1/hooks/renewal', { row: 'u-1' }, undefined, { 'idempotency-key': 'run-1:u-1' });
    const again = await call('POST', '/v1/hooks/renewal', { row: 'u-1' }, undefined, { 'idempotency-key': 'run-1:u-1' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    await call('POST', '/v1/hooks/renewal', { row: 'u-1' }, undefined, { 'idempotency-key': 'run-2:u-1' });
    const calls = await (await fetch(`${gs.baseUrl}/__emulator/calls?hook=renewal`)).json();
    expect(calls.map((c: { idempotencyKey: string }) => c.idempotencyKey)).toEqual(['run-1:u-1', 'run-2:u-1']);
    expect(await (await fetch(`${gs.baseUrl}/__emulator/info`)).json()).toMatchObject({ replays: 1 });
  });

  it('answers 429 with Retry-After past the per-minute limit', async () => {
    for (let i = 0; i < 8; i += 1) expect((await call('POST', '/v1/hooks/x', {})).status).toBe(200);
    const res = await call('POST', '/v1/hooks/x', {});
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await res.json()).errorCode).toBe('GS_RATE_LIMIT_EXCEEDED');
  });
});
