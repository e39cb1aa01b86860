import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSalesforceEmulator, startSalesforceEmulator } from './index';
import { connectAdmin } from './testing';

let em: RunningSalesforceEmulator;
let token: string;
let api: string;

beforeAll(async () => {
  em = await startSalesforceEmulator({ port: 0 });
  token = (await connectAdmin(em)).accessToken!;
  api = `${em.orgs.sandbox.instanceUrl}/services/data/v62.0`;
});
afterAll(async () => {
  await em.close();
});
beforeEach(() => em.control.clearFaults());

const call = (path: string, init: RequestInit = {}) => fetch(`${api}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
const control = (path: string, init: RequestInit = {}) => fetch(`${em.baseUrl}/__emulator${path}`, { ...init, headers: { 'content-type': 'application/json' } });

describe('faults the sync engine must survive, through the control API', () => {
  it('answers 429 with Retry-After', async () => {
    await control('/faults', { method: 'POST', body: JSON.stringify({ kind: 'rateLimited', pattern: '/limits$', retryAfterSeconds: 3, times: 1 }) });
    const limited = await call('/limits');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(((await limited.json()) as Array<{ errorCode: string }>)[0].errorCode).toBe('TOO_MANY_REQUESTS');
    expect((await call('/limits')).status).toBe(200); // `times: 1`: the burst is over
  });

  it('answers a call-level UNABLE_TO_LOCK_ROW, and 503 bursts that end', async () => {
    em.control.addFault({ kind: 'lockCall', pattern: '^PATCH /.*composite/sobjects$', times: 1 });
    const lead = em.control.records('sandbox', 'Lead').find((l) => !l.IsConverted)!;
    const body = JSON.stringify({ allOrNone: false, records: [{ attributes: { type: 'Lead' }, id: lead.Id, Title: 'Locked?' }] });
    const locked = await call('/composite/sobjects', { method: 'PATCH', body });
    expect(locked.status).toBe(400);
    expect(await locked.json()).toEqual([{ message: expect.stringContaining('unable to obtain exclusive access'), errorCode: 'UNABLE_TO_LOCK_ROW' }]);
    expect(em.control.records('sandbox', 'Lead').find((l) => l.Id === lead.Id)!.Title).not.toBe('Locked?');
    expect((await call('/composite/sobjects', { method: 'PATCH', body })).status).toBe(200);

    em.control.addFault({ kind: 'unavailable', pattern: '/limits$', after: 1, times: 2 });
    expect([(await call('/limits')).status, (await call('/limits')).status, (await call('/limits')).status, (await call('/limits')).status])
      .toEqual([200, 503, 503, 200]);
  });

  it('expires the session at a chosen call, so the client must renew it there', async () => {
    em.control.addFault({ kind: 'expireSession', pattern: '/limits$', after: 1, times: 1 });
    expect((await call('/limits')).status).toBe(200);
    const expired = await call('/limits');
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    token = (await connectAdmin(em)).accessToken!;
    expect((await call('/limits')).status).toBe(200);
  });

  it('spends the API allowance: 403 REQUEST_LIMIT_EXCEEDED until it is raised', async () => {
    const { used } = await (await control('/orgs/sandbox/api-usage')).json() as { used: number };
    await control('/orgs/sandbox/api-usage', { method: 'PUT', body: JSON.stringify({ max: used + 1 }) });
    expect((await call('/limits')).status).toBe(200);
    const refused = await call('/limits');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as Array<{ errorCode: string }>)[0].errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    await control('/orgs/sandbox/api-usage', { method: 'PUT', body: JSON.stringify({ max: 100_000 }) });
    expect((await call('/limits')).status).toBe(200);
  });

  it('deletes a custom field with its values, so describe, SOQL and writes no longer know it', async () => {
    const res = await control('/orgs/sandbox/sobjects/Contact/fields/WalkMe_Last_Login__c', { method: 'DELETE' });
    expect(res.status).toBe(200);
    const describe = await (await call('/sobjects/Contact/describe')).json() as { fields: Array<{ name: string }> };
    expect(describe.fields.map((f) => f.name)).not.toContain('WalkMe_Last_Login__c');
    const query = await call(`/query?q=${encodeURIComponent('SELECT WalkMe_Last_Login__c FROM Contact')}`);
    expect(((await query.json()) as Array<{ errorCode: string }>)[0].errorCode).toBe('INVALID_FIELD');
    expect(em.control.records('sandbox', 'Contact').some((c) => 'WalkMe_Last_Login__c' in c)).toBe(false);
    const standard = await control('/orgs/sandbox/sobjects/Contact/fields/LastName', { method: 'DELETE' });
    expect(standard.status).toBe(400);
    expect(((await standard.json()) as { error: string }).error).toMatch(/only custom fields/);
  });
});

describe('sObject Collections upsert', () => {
  it('puts `created` on every row, false for rows that failed', async () => {
    const res = await call('/composite/sobjects/Contact/WalkMe_User_Id__c', {
      method: 'PATCH',
      body: JSON.stringify({ allOrNone: false, records: [
        { attributes: { type: 'Contact' }, WalkMe_User_Id__c: 'upsert-created-1', LastName: 'New' },
        { attributes: { type: 'Contact' }, WalkMe_User_Id__c: 'upsert-created-2', LastName: 'x'.repeat(81) },
        { attributes: { type: 'Contact' }, WalkMe_User_Id__c: 'upsert-created-1', LastName: 'Again' },
      ] }),
    });
    const rows = await res.json() as Array<{ success: boolean; created: boolean; errors: Array<{ statusCode: string }> }>;
    expect(rows.map((r) => [r.success, r.created])).toEqual([[true, true], [false, false], [true, false]]);
    expect(rows[1].errors[0].statusCode).toBe('STRING_TOO_LONG');
  });
});
