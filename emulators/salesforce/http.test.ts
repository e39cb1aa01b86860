import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeople } from '@/lib/demo/people';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, type RunningSalesforceEmulator, startSalesforceEmulator } from './index';
import { connectAdmin } from './testing';

let em: RunningSalesforceEmulator;
let token: string;
let refreshToken: string;
let api: string;

beforeAll(async () => {
  em = await startSalesforceEmulator({ port: 0 });
  const conn = await connectAdmin(em);
  token = conn.accessToken!;
  refreshToken = conn.refreshToken!;
  api = `${em.orgs.sandbox.instanceUrl}/services/data/v60.0`;
});
afterAll(async () => {
  await em.close();
});

const auth = (extra: Record<string, string> = {}) => ({ Authorization: `Bearer ${token}`, ...extra });
const json = { 'content-type': 'application/json' };

describe('REST answers on the wire', () => {
  it('stamps Sforce-Limit-Info on every answer and uses JSON with charset', async () => {
    const res = await fetch(`${api}/sobjects`, { headers: auth() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(res.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/100000$/);
    const bad = await fetch(`${api}/sobjects/Lead/describe/extra`, { headers: auth() });
    expect(bad.status).toBe(404);
    expect(bad.headers.get('sforce-limit-info')).toMatch(/^api-usage=/);
  });

  it('answers 401 INVALID_SESSION_ID for a missing or expired token', async () => {
    const res = await fetch(`${api}/limits`, { headers: { Authorization: 'Bearer 00Dxx!nonsense' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });

  it('answers 414 for a URI over 16,384 bytes', async () => {
    const q = encodeURIComponent(`SELECT Id FROM Lead WHERE Email IN (${Array.from({ length: 700 }, (_, i) => `'someone${i}@example.com'`).join(',')})`);
    const url = `${api}/query?q=${q}`;
    expect(new URL(url).pathname.length + new URL(url).search.length).toBeGreaterThan(16_384);
    const res = await fetch(url, { headers: auth() });
    expect(res.status).toBe(414);
  });

  it('creates with 201 and updates with 204', async () => {
    const created = await fetch(`${api}/sobjects/Lead`, { method: 'POST', headers: auth(json), body: JSON.stringify({ LastName: 'Wire', Company: 'Co' }) });
    expect(created.status).toBe(201);
    const body = await created.json() as { id: string };
    expect(body).toEqual({ id: expect.stringMatching(/^00Q[0-9A-Za-z]{15}$/), success: true, errors: [] });
    const patched = await fetch(`${api}/sobjects/Lead/${body.id}`, { method: 'PATCH', headers: auth(json), body: JSON.stringify({ Title: 'T' }) });
    expect(patched.status).toBe(204);
    const byShortId = await fetch(`${api}/sobjects/Lead/${body.id.slice(0, 15)}?fields=Title`, { headers: auth() });
    expect(await byShortId.json()).toMatchObject({ attributes: { type: 'Lead', url: `/services/data/v60.0/sobjects/Lead/${body.id}` }, Title: 'T' });
  });

  it('answers 404 NOT_FOUND for a well-formed id that does not exist', async () => {
    const res = await fetch(`${api}/sobjects/Lead/00Q1X000000zzzzUAA`, { method: 'PATCH', headers: auth(json), body: JSON.stringify({ Title: 'x' }) });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  });

  it('answers field errors as an array with errorCode and fields', async () => {
    const res = await fetch(`${api}/sobjects/Lead`, { method: 'POST', headers: auth(json), body: JSON.stringify({ Company: 'Co' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([{ message: 'Required fields are missing: [LastName]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName'] }]);
  });

  it('answers 300 with the matching URLs when an upsert key matches several records', async () => {
    const email = demoPeople(2)[1].email;
    const res = await fetch(`${api}/sobjects/Lead/Email/${encodeURIComponent(email)}`, { method: 'PATCH', headers: auth(json), body: JSON.stringify({ Title: 'x' }) });
    expect(res.status).toBe(300);
    const urls = await res.json() as string[];
    expect(urls).toHaveLength(2);
    expect(urls[0]).toMatch(/^\/services\/data\/v60\.0\/sobjects\/Lead\/00Q/);
  });

  it('answers 201 then 200 for upsert create and update', async () => {
    const url = `${api}/sobjects/Contact/WalkMe_User_Id__c/wire-1`;
    const first = await fetch(url, { method: 'PATCH', headers: auth(json), body: JSON.stringify({ LastName: 'One' }) });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ success: true, created: true });
    const second = await fetch(url, { method: 'PATCH', headers: auth(json), body: JSON.stringify({ LastName: 'Two' }) });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ success: true, created: false });
  });

  it('answers EXCEEDED_ID_LIMIT for over 200 records in a collection', async () => {
    const records = Array.from({ length: 201 }, () => ({ attributes: { type: 'Lead' }, LastName: 'x', Company: 'y' }));
    const res = await fetch(`${api}/composite/sobjects`, { method: 'POST', headers: auth(json), body: JSON.stringify({ allOrNone: false, records }) });
    expect(res.status).toBe(400);
    expect((await res.json() as Array<{ errorCode: string }>)[0].errorCode).toBe('EXCEEDED_ID_LIMIT');
  });

  it('uses statusCode in Collections row errors and MALFORMED_ID for bad ids', async () => {
    const res = await fetch(`${api}/composite/sobjects`, { method: 'PATCH', headers: auth(json), body: JSON.stringify({ allOrNone: false, records: [{ attributes: { type: 'Lead' }, id: 'bogus', Title: 'x' }] }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([{ success: false, errors: [{ statusCode: 'MALFORMED_ID', message: 'malformed id bogus', fields: ['Id'] }] }]);
  });

  it('pages with a 01g locator and refuses an unknown one', async () => {
    const first = await (await fetch(`${api}/query?q=${encodeURIComponent('SELECT Id FROM Lead')}`, { headers: auth({ 'Sforce-Query-Options': 'batchSize=500' }) })).json() as { nextRecordsUrl: string; records: unknown[] };
    expect(first.records).toHaveLength(500);
    expect(first.nextRecordsUrl).toMatch(/^\/services\/data\/v60\.0\/query\/01g[0-9A-Za-z]{15}-500$/);
    const bad = await fetch(`${api}/query/01gAAAAAAAAAAAAAAA-2000`, { headers: auth() });
    expect(bad.status).toBe(400);
    expect((await bad.json() as Array<{ errorCode: string }>)[0].errorCode).toBe('INVALID_QUERY_LOCATOR');
  });
});

describe('OAuth answers on the wire', () => {
  const tokenUrl = () => `${em.orgs.sandbox.loginUrl}/services/oauth2/token`;
  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  it('answers 400 JSON invalid_grant for an unknown refresh token', async () => {
    const res = await fetch(tokenUrl(), { method: 'POST', headers: form, body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'nope', client_id: DEMO_CLIENT_ID, client_secret: DEMO_CLIENT_SECRET }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_grant', error_description: 'expired access/refresh token' });
  });

  it('answers unsupported_grant_type for other grants', async () => {
    const res = await fetch(tokenUrl(), { method: 'POST', headers: form, body: new URLSearchParams({ grant_type: 'password', client_id: DEMO_CLIENT_ID }) });
    expect(await res.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('signs the token answer with HMAC-SHA256 of id + issued_at', async () => {
    const res = await fetch(tokenUrl(), { method: 'POST', headers: form, body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: DEMO_CLIENT_ID, client_secret: DEMO_CLIENT_SECRET }) });
    const body = await res.json() as { id: string; issued_at: string; signature: string };
    const { createHmac } = await import('node:crypto');
    expect(body.signature).toBe(createHmac('sha256', DEMO_CLIENT_SECRET).update(body.id + body.issued_at).digest('base64'));
  });

  it('answers the identity URL with 403 Bad_OAuth_Token for a bad token', async () => {
    const info = em.control.info();
    const res = await fetch(`${em.orgs.sandbox.loginUrl}/id/${info.orgs.sandbox.orgId}/${info.orgs.sandbox.users[0].id}`, { headers: { Authorization: 'Bearer bad' } });
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('Bad_OAuth_Token');
  });
});

describe('faults and the HTTP control API', () => {
  const control = (path: string, init: RequestInit = {}) => fetch(`${em.baseUrl}/__emulator${path}`, { ...init, headers: json });

  it('injects 503s, latency and dropped connections by pattern', async () => {
    const added = await (await control('/faults', { method: 'POST', body: JSON.stringify({ kind: 'unavailable', pattern: '/limits$', rate: 1 }) })).json() as { id: number };
    expect((await fetch(`${api}/limits`, { headers: auth() })).status).toBe(503);
    expect((await fetch(`${api}/sobjects`, { headers: auth() })).status).toBe(200);
    await control(`/faults/${added.id}`, { method: 'DELETE' });
    expect((await fetch(`${api}/limits`, { headers: auth() })).status).toBe(200);

    await control('/faults', { method: 'POST', body: JSON.stringify({ kind: 'latency', pattern: '/limits$', latencyMs: 150 }) });
    const t0 = Date.now();
    await fetch(`${api}/limits`, { headers: auth() });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);

    await control('/faults', { method: 'POST', body: JSON.stringify({ kind: 'drop', pattern: '^GET .*/sobjects$' }) });
    await expect(fetch(`${api}/sobjects`, { headers: auth() })).rejects.toThrow();
    const listed = await (await control('/faults')).json() as Array<{ kind: string; fired: number }>;
    expect(listed.find((f) => f.kind === 'drop')?.fired).toBe(1);
    await control('/faults', { method: 'DELETE' });
    expect((await fetch(`${api}/sobjects`, { headers: auth() })).status).toBe(200);
  });

  it('refuses writes to the read-only Organization object and answers it to SOQL', async () => {
    const org = await (await fetch(`${api}/query?q=${encodeURIComponent('SELECT Name, IsSandbox FROM Organization')}`, { headers: auth() })).json() as { records: Array<{ Name: string; IsSandbox: boolean }> };
    expect(org.records).toEqual([expect.objectContaining({ Name: 'Demo Sandbox', IsSandbox: true })]);
    const res = await fetch(`${api}/sobjects/Organization`, { method: 'POST', headers: auth(json), body: '{}' });
    expect(res.status).toBe(403);
  });

  it('sets the API allowance, reports token status and counts token calls', async () => {
    const usage = await (await control('/orgs/production/api-usage', { method: 'PUT', body: JSON.stringify({ max: 50, used: 10 }) })).json();
    expect(usage).toEqual({ max: 50, used: 10 });
    const status = await (await control(`/tokens/refresh-status?token=${encodeURIComponent(refreshToken)}`)).json();
    expect(status).toEqual({ known: true, revoked: false });
    const stats = await (await control('/stats')).json() as { tokenCalls: number };
    expect(stats.tokenCalls).toBeGreaterThan(0);
    const grants = await (await control('/tokens/refresh')).json() as Array<{ org: string; username: string; revoked: boolean }>;
    expect(grants).toContainEqual(expect.objectContaining({ org: 'sandbox', username: 'admin@sandbox.demo', revoked: false }));
    expect(JSON.stringify(grants)).not.toContain(refreshToken);
  });

  it('generates and reads records, rejects a bad seed, and resets', async () => {
    const gen = await (await control('/orgs/production/sobjects/Lead/generate', { method: 'POST', body: JSON.stringify({ count: 3, values: { Company: 'Gen' } }) })).json() as { count: number; firstId: string };
    expect(gen.firstId).toMatch(/^00Q/);
    const records = await (await control('/orgs/production/sobjects/Lead/records')).json() as Array<{ Company: string }>;
    expect(records.filter((r) => r.Company === 'Gen')).toHaveLength(3);
    const bad = await control('/orgs/production/seed', { method: 'PUT', body: JSON.stringify({ name: 'x', users: [], objects: [] }) });
    expect(bad.status).toBe(400);
    expect((await bad.json() as { error: string }).error).toMatch(/Invalid org seed/);
    await control('/reset', { method: 'POST' });
    const after = await (await control('/orgs/production/sobjects/Lead/records')).json() as Array<{ Company: string }>;
    expect(after.filter((r) => r.Company === 'Gen')).toHaveLength(0);
  });
});
