import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSalesforceEmulator } from '@/emulators/salesforce';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { createTestWorkspace } from '@/lib/auth/testing';
import type { SessionUser } from '@/lib/auth/session';
import type { SalesforceClient, SalesforceRecord } from './client';
import { createSalesforceClient, type SalesforceClientOptions } from './jsforce-client';
import { encodeSoql } from './soql-uri';
import type { SalesforceSettings } from './settings';
import { connectTestAccount, startTestSalesforce } from './testing';

/** Fast retries so failure tests take milliseconds; waits for Retry-After are recorded instead of slept. */
export const FAST: SalesforceClientOptions = { retry: { minDelayMs: 1, maxDelayMs: 5, sleep: async () => undefined }, bulk: { pollIntervalMs: 10 } };

async function all(pages: AsyncIterable<SalesforceRecord[]>) {
  const sizes: number[] = [];
  const records: SalesforceRecord[] = [];
  for await (const page of pages) { sizes.push(page.length); records.push(...page); }
  return { sizes, records };
}

describe.each(testDatabaseKinds)('jsforce SalesforceClient on %s', (kind) => {
  let emulator: RunningSalesforceEmulator;
  let handle: DatabaseHandle;
  let settings: SalesforceSettings;
  let admin: SessionUser;
  let accountId: string;
  let client: SalesforceClient;
  const leads = () => emulator.control.records('sandbox', 'Lead');

  beforeAll(async () => {
    ({ emulator, settings } = await startTestSalesforce({ queryPageSize: 200 }));
    handle = await createTestDatabase(kind);
    admin = (await createTestWorkspace(handle.db, 'A')).user;
    accountId = await connectTestAccount(handle.db, admin, settings);
    client = await createSalesforceClient(handle.db, settings, admin.workspaceId, accountId, FAST);
  });
  afterAll(async () => {
    await handle.close();
    await emulator.close();
  });

  it('lists the objects and describes fields with their types, lengths, precision and picklists', async () => {
    const objects = await client.describeGlobal();
    expect(objects).toContainEqual({ name: 'Lead', label: 'Lead', custom: false, updateable: true, queryable: true });
    const lead = await client.describe('Lead');
    const field = (name: string) => lead.fields.find((f) => f.name === name);
    expect(field('WalkMe_NPS_Category__c')).toMatchObject({ type: 'picklist', restrictedPicklist: true, picklistValues: ['Promoter', 'Passive', 'Detractor'], updateable: true, custom: true });
    expect(field('WalkMe_NPS_Score__c')).toMatchObject({ type: 'double', precision: 3, scale: 0 });
    expect(field('WalkMe_User_Id__c')).toMatchObject({ type: 'string', length: 64, externalId: true });
    expect(field('Email')).toMatchObject({ type: 'email', idLookup: true, filterable: true });
    expect(field('Name')).toMatchObject({ updateable: false });
    await expect(client.describe('NoSuchObject__c')).rejects.toMatchObject({ sfErrorCode: 'NOT_FOUND', httpStatus: 404 });
  });

  it('pages a REST query through nextRecordsUrl, without the attributes Salesforce adds', async () => {
    const before = client.callCount();
    const { sizes, records } = await all(client.query('SELECT Id, Email FROM Lead'));
    expect(records).toHaveLength(leads().length);
    expect(sizes.length).toBe(Math.ceil(records.length / 200));
    expect(sizes.slice(0, -1).every((n) => n === 200)).toBe(true);
    expect(client.callCount() - before).toBe(sizes.length);
    expect(Object.keys(records[0]).sort()).toEqual(['Email', 'Id']);
    expect(new Set(records.map((r) => r.Id)).size).toBe(records.length);
  });

  it('updates through sObject Collections with results in input order, refused rows explained by Salesforce', async () => {
    const open = leads().filter((l) => !l.IsConverted).slice(0, 3);
    const converted = leads().find((l) => l.IsConverted)!;
    const results = await client.updateCollection('Lead', [
      { Id: open[0].Id as string, WalkMe_NPS_Score__c: 9, WalkMe_NPS_Category__c: 'Promoter' },
      { Id: converted.Id as string, WalkMe_NPS_Score__c: 3 },
      { Id: open[1].Id as string, WalkMe_NPS_Category__c: 'Fan' },
      { Id: open[2].Id as string, WalkMe_NPS_Score__c: null },
    ]);
    expect(results.map((r) => [r.id, r.success])).toEqual([
      [open[0].Id, true], [converted.Id, false], [open[1].Id, false], [open[2].Id, true],
    ]);
    expect(results[1].errors[0].code).toBe('CANNOT_UPDATE_CONVERTED_LEAD');
    expect(results[2].errors[0]).toMatchObject({ code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['WalkMe_NPS_Category__c'] });
    const after = new Map(leads().map((l) => [l.Id, l]));
    expect(after.get(open[0].Id)).toMatchObject({ WalkMe_NPS_Score__c: 9, WalkMe_NPS_Category__c: 'Promoter' });
    expect(after.get(open[2].Id)!.WalkMe_NPS_Score__c).toBeNull();
    await expect(client.updateCollection('Lead', Array.from({ length: 201 }, (_, i) => ({ Id: `00Q${i}` })))).rejects.toThrow(/at most 200/);
  });

  it('reports API usage from Sforce-Limit-Info after calls', async () => {
    const fresh = await createSalesforceClient(handle.db, settings, admin.workspaceId, accountId, FAST);
    expect(fresh.apiUsage()).toBeUndefined();
    await fresh.describe('Lead');
    const { used, max } = emulator.control.apiUsage('sandbox');
    expect(fresh.apiUsage()).toEqual({ used, max });
    expect(fresh.callCount()).toBe(1);
  });

  it('pages one Bulk API 2.0 query by Sforce-Locator (several pages, as jsforce bulk2.query cannot)', async () => {
    const paged = await createSalesforceClient(handle.db, settings, admin.workspaceId, accountId, { ...FAST, bulk: { pollIntervalMs: 10, queryPageSize: 500 } });
    const { sizes, records } = await all(paged.bulkQuery('SELECT Id, Email, IsConverted FROM Lead'));
    expect(records).toHaveLength(leads().length);
    expect(sizes).toEqual([...Array(Math.floor(records.length / 500)).fill(500), records.length % 500].filter(Boolean));
    const byId = new Map(leads().map((l) => [l.Id, l]));
    expect(records.every((r) => byId.get(r.Id)?.Email === r.Email)).toBe(true);
  });

  it('updates through one Bulk API 2.0 job with a result per record in input order', async () => {
    const open = leads().filter((l) => !l.IsConverted).slice(10, 14);
    const converted = leads().find((l) => l.IsConverted)!;
    // Rules that never fire, counting the result files asked for.
    const counter = (name: string) => emulator.control.addFault({ kind: 'latency', rate: 0, pattern: `^GET \\S*/jobs/ingest/[^/]+/${name}$` });
    const files = { successfulResults: counter('successfulResults'), failedResults: counter('failedResults'), unprocessedrecords: counter('unprocessedrecords') };
    const results = await client.bulkUpdate('Lead', [
      { Id: open[0].Id as string, WalkMe_Logins_Last_30_Days__c: 12, WalkMe_Onboarding_Complete__c: true },
      { Id: converted.Id as string, WalkMe_Logins_Last_30_Days__c: 1 },
      { Id: open[1].Id as string, WalkMe_User_Id__c: 'x'.repeat(65) },
      { Id: open[2].Id as string, WalkMe_Last_Login__c: null, WalkMe_Onboarding_Complete__c: false },
      { Id: open[3].Id as string, WalkMe_NPS_Category__c: 'Passive' },
    ]);
    expect(results.map((r) => [r.id, r.success])).toEqual([
      [open[0].Id, true], [converted.Id, false], [open[1].Id, false], [open[2].Id, true], [open[3].Id, true],
    ]);
    expect(results[1].errors[0].code).toBe('CANNOT_UPDATE_CONVERTED_LEAD');
    expect(results[2].errors[0]).toMatchObject({ code: 'STRING_TOO_LONG', fields: ['WalkMe_User_Id__c'] });
    // The job processed all five and failed the two it lists: the successful results (as long as the upload) are not downloaded.
    const hits = (id: number) => emulator.control.faults().find((f) => f.id === id)!.hits;
    expect([hits(files.successfulResults), hits(files.failedResults), hits(files.unprocessedrecords)]).toEqual([0, 1, 0]);
    const after = new Map(leads().map((l) => [l.Id, l]));
    expect(after.get(open[0].Id)).toMatchObject({ WalkMe_Logins_Last_30_Days__c: 12, WalkMe_Onboarding_Complete__c: true });
    expect(after.get(open[2].Id)).toMatchObject({ WalkMe_Last_Login__c: null, WalkMe_Onboarding_Complete__c: false });
    expect(after.get(open[3].Id)!.WalkMe_NPS_Category__c).toBe('Passive');
    expect(await client.bulkUpdate('Lead', [])).toEqual([]);
  });

  it('sends SOQL exactly as encodeSoql counts it: a query up to the 16,384-byte URI limit passes, one byte over gets 414', async () => {
    const path = `${new URL(emulator.orgs.sandbox.instanceUrl).pathname}/services/data/v62.0/query?q=`;
    const emails = leads().map((l) => String(l.Email));
    const soqlOf = (n: number) => `SELECT Id FROM Lead WHERE Email IN (${emails.slice(0, n).map((e) => `'${e}'`).join(', ')})`;
    const uriBytes = (n: number) => path.length + encodeSoql(soqlOf(n)).length;
    let n = 1;
    while (uriBytes(n + 1) <= 16_384) n++;
    // encodeURIComponent would count each quote as one byte; on the wire it is %27.
    expect(path.length + encodeURIComponent(soqlOf(n)).length).toBeLessThan(uriBytes(n) - 1000);
    const { records } = await all(client.query(soqlOf(n)));
    expect(records.length).toBeGreaterThanOrEqual(n);
    const padded = `${soqlOf(n)} AND LastName != '${'x'.repeat(16_384 - uriBytes(n))}'`;
    await expect(all(client.query(padded))).rejects.toMatchObject({ httpStatus: 414 });
  });
});
