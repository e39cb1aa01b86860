import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceEmulator, startSalesforceEmulator } from './index';
import { connectAdmin } from './testing';

let em: RunningSalesforceEmulator;
let conn: Connection;

beforeAll(async () => {
  em = await startSalesforceEmulator({ port: 0, bulkStartDelayMs: 20, bulkQueryPageSize: 1000 });
  conn = await connectAdmin(em);
  conn.bulk2.pollInterval = 50;
  conn.bulk2.pollTimeout = 20_000;
});
afterAll(async () => {
  await em.close();
});

const live = (org: 'sandbox' | 'production', object: string) => em.control.records(org, object);

async function authed(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${em.orgs.sandbox.instanceUrl}/services/data/v60.0${path}`, {
    ...init, headers: { Authorization: `Bearer ${conn.accessToken}`, ...(init.headers as Record<string, string> ?? {}) },
  });
}

describe('Bulk API 2.0 ingest through jsforce', () => {
  it('updates Leads and reports failed rows (bad picklist, converted Lead, type error, bad id)', async () => {
    const leads = live('sandbox', 'Lead');
    const open = leads.filter((r) => r.IsConverted === false).slice(0, 3);
    const converted = leads.find((r) => r.IsConverted === true)!;
    const csv = [
      'Id,WalkMe_Last_Login__c,WalkMe_Logins_Last_30_Days__c,WalkMe_NPS_Category__c',
      `${open[0].Id},2025-02-01T08:00:00Z,7,Promoter`,
      `${open[1].Id},2025-02-02T08:00:00Z,3,Fan`,
      `${open[2].Id},2025-02-03T08:00:00Z,lots,#N/A`,
      `${converted.Id},2025-02-04T08:00:00Z,1,Passive`,
      '00Qnotanid,2025-02-05T08:00:00Z,1,Passive',
    ].join('\n');
    const res = await conn.bulk2.loadAndWaitForResults({ object: 'Lead', operation: 'update', input: csv });
    expect(res.successfulResults.map((r) => r.sf__Id)).toEqual([open[0].Id]);
    expect(res.successfulResults[0].sf__Created).toBe('false');
    const errors = res.failedResults.map((r) => String(r.sf__Error).split(':')[0]);
    expect(errors).toEqual(['INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', 'INVALID_TYPE_ON_FIELD_IN_RECORD', 'CANNOT_UPDATE_CONVERTED_LEAD', 'MALFORMED_ID']);
    expect(res.unprocessedRecords).toEqual([]);
    const updated = live('sandbox', 'Lead').find((r) => r.Id === open[0].Id)!;
    expect(updated).toMatchObject({ WalkMe_Last_Login__c: '2025-02-01T08:00:00.000+0000', WalkMe_Logins_Last_30_Days__c: 7, WalkMe_NPS_Category__c: 'Promoter' });
  });

  it('treats #N/A as null and an empty cell as "leave unchanged"', async () => {
    const lead = live('sandbox', 'Lead').find((r) => r.IsConverted === false && r.Title !== null)!;
    const csv = `Id,Title,Phone\n${lead.Id},#N/A,\n`;
    const res = await conn.bulk2.loadAndWaitForResults({ object: 'Lead', operation: 'update', input: csv });
    expect(res.failedResults).toEqual([]);
    const after = live('sandbox', 'Lead').find((r) => r.Id === lead.Id)!;
    expect(after.Title).toBeNull();
    expect(after.Phone).toBe(lead.Phone);
  });

  it('inserts, upserts and deletes', async () => {
    const inserted = await conn.bulk2.loadAndWaitForResults({
      object: 'Contact', operation: 'insert',
      input: 'LastName,Email,WalkMe_User_Id__c\n"Quote, Inc",q1@example.com,bulk-1\nPlain,q2@example.com,bulk-2\n,missing@example.com,bulk-3\n',
    });
    expect(inserted.successfulResults.map((r) => r.sf__Created)).toEqual(['true', 'true']);
    expect(String(inserted.failedResults[0].sf__Error)).toMatch(/^REQUIRED_FIELD_MISSING:Required fields are missing: \[LastName\]/);
    expect(live('sandbox', 'Contact').find((r) => r.WalkMe_User_Id__c === 'bulk-1')?.LastName).toBe('Quote, Inc');

    const upserted = await conn.bulk2.loadAndWaitForResults({
      object: 'Contact', operation: 'upsert', externalIdFieldName: 'WalkMe_User_Id__c',
      input: 'WalkMe_User_Id__c,LastName,Title\nbulk-1,Renamed,CEO\nbulk-9,New,CTO\n',
    });
    expect(upserted.successfulResults.map((r) => [(r as Record<string, unknown>).WalkMe_User_Id__c, r.sf__Created])).toEqual([['bulk-1', 'false'], ['bulk-9', 'true']]);

    const ids = upserted.successfulResults.map((r) => r.sf__Id as string);
    const deleted = await conn.bulk2.loadAndWaitForResults({ object: 'Contact', operation: 'delete', input: `Id\n${ids.join('\n')}\n` });
    expect(deleted.successfulResults).toHaveLength(2);
    expect(live('sandbox', 'Contact').filter((r) => ids.includes(String(r.Id)) && r.IsDeleted === false)).toEqual([]);
  });

  it('fails rows with UNABLE_TO_LOCK_ROW when that fault is injected', async () => {
    const open = live('sandbox', 'Lead').filter((r) => r.IsConverted === false).slice(10, 14);
    const fault = em.control.addFault({ kind: 'lockRow', pattern: '^BULK /jobs/ingest/Lead$', rate: 0.5, deterministic: true });
    try {
      const res = await conn.bulk2.loadAndWaitForResults({ object: 'Lead', operation: 'update', input: `Id,Title\n${open.map((r) => `${r.Id},Locked`).join('\n')}\n` });
      expect(res.successfulResults).toHaveLength(2);
      expect(res.failedResults.map((r) => String(r.sf__Error).split(':')[0])).toEqual(['UNABLE_TO_LOCK_ROW', 'UNABLE_TO_LOCK_ROW']);
    } finally {
      em.control.clearFaults(fault);
    }
  });

  it('fails the whole job on an unknown column', async () => {
    await expect(conn.bulk2.loadAndWaitForResults({ object: 'Lead', operation: 'update', input: 'Id,Nope__c\n00Q000000000000AAA,1\n' }))
      .rejects.toThrow('Field name not found : Nope__c');
  });
});

describe('Bulk API 2.0 over raw HTTP', () => {
  it('accepts an empty upload and completes with zero records', async () => {
    const job = await (await authed('/jobs/ingest', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ object: 'Lead', operation: 'insert', contentType: 'CSV', lineEnding: 'LF' }) })).json() as { id: string; state: string; contentUrl: string };
    expect(job.state).toBe('Open');
    expect(job.id).toMatch(/^750/);
    expect(job.contentUrl).toBe(`services/data/v60.0/jobs/ingest/${job.id}/batches`);
    expect((await authed(`/jobs/ingest/${job.id}/batches`, { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: '' })).status).toBe(201);
    const closed = await (await authed(`/jobs/ingest/${job.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"state":"UploadComplete"}' })).json() as { state: string };
    expect(closed.state).toBe('UploadComplete');
    let info: { state: string; numberRecordsProcessed: number } = { state: '', numberRecordsProcessed: -1 };
    for (let i = 0; i < 250 && info.state !== 'JobComplete'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      info = await (await authed(`/jobs/ingest/${job.id}`)).json() as typeof info;
    }
    expect(info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 0, numberRecordsFailed: 0 });
    const success = await authed(`/jobs/ingest/${job.id}/successfulResults`);
    expect(success.headers.get('content-type')).toBe('text/csv');
    expect(await success.text()).toBe('"sf__Id","sf__Created"\n');
    expect((await authed(`/jobs/ingest/${job.id}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await authed(`/jobs/ingest/${job.id}`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
  });

  it('reports the rows of an aborted job as unprocessedrecords', async () => {
    const job = await (await authed('/jobs/ingest', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ object: 'Lead', operation: 'insert' }) })).json() as { id: string };
    await authed(`/jobs/ingest/${job.id}/batches`, { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: 'LastName,Company\nA,X\nB,Y\n' });
    const aborted = await (await authed(`/jobs/ingest/${job.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"state":"Aborted"}' })).json() as { state: string };
    expect(aborted.state).toBe('Aborted');
    expect(await (await authed(`/jobs/ingest/${job.id}/unprocessedrecords`)).text()).toBe('LastName,Company\nA,X\nB,Y\n');
    const again = await authed(`/jobs/ingest/${job.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"state":"UploadComplete"}' });
    expect(again.status).toBe(400);
    expect((await again.json() as Array<{ errorCode: string }>)[0].errorCode).toBe('INVALIDJOBSTATE');
  });

  it('pages query results with Sforce-Locator, ending with the literal null', async () => {
    const create = await authed('/jobs/query', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operation: 'query', query: 'SELECT Id, Email, CreatedDate FROM Lead' }) });
    const job = await create.json() as { id: string; state: string };
    expect(job.state).toBe('UploadComplete');
    let state = '';
    for (let i = 0; i < 250 && state !== 'JobComplete'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      state = ((await (await authed(`/jobs/query/${job.id}`)).json()) as { state: string }).state;
    }
    const total = live('sandbox', 'Lead').length;
    let locator: string | null = '';
    let rows = 0;
    let pages = 0;
    while (locator !== 'null') {
      const res = await authed(`/jobs/query/${job.id}/results${locator ? `?locator=${locator}` : ''}`);
      const lines = (await res.text()).trim().split('\n');
      expect(lines[0]).toBe('"Id","Email","CreatedDate"');
      expect(lines[1]).toMatch(/^"00Q[0-9A-Za-z]{15}","[^"]*","\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"$/);
      rows += lines.length - 1;
      pages++;
      locator = res.headers.get('sforce-locator');
    }
    expect(rows).toBe(total);
    expect(pages).toBe(Math.ceil(total / 1000));
  });

  it('refuses a query job with an unknown field at creation', async () => {
    const res = await authed('/jobs/query', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operation: 'query', query: 'SELECT Nope__c FROM Lead' }) });
    expect(res.status).toBe(400);
    expect((await res.json() as Array<{ errorCode: string }>)[0].errorCode).toBe('INVALID_FIELD');
  });
});

describe('Bulk API 2.0 query through jsforce', () => {
  it('returns the records of a single-page query', async () => {
    const stream = await conn.bulk2.query("SELECT Id, Name FROM Account WHERE Type = 'Customer - Direct'");
    const records: Array<Record<string, unknown>> = [];
    for await (const r of stream) records.push(r as Record<string, unknown>);
    expect(records.length).toBe(live('sandbox', 'Account').length);
    expect(records[0]).toHaveProperty('Name');
  });
});
