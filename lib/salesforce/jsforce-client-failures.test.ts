import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSalesforceEmulator } from '@/emulators/salesforce';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { getSalesforceAccount } from '@/db/queries/salesforce-accounts';
import { createTestWorkspace } from '@/lib/auth/testing';
import type { SessionUser } from '@/lib/auth/session';
import { decryptSecret } from '@/lib/secrets/cipher';
import type { RecordUpdate, SalesforceRecord } from './client';
import { ApiLimitExceededError, ReconnectNeededError, SalesforceApiError } from './errors';
import { createSalesforceClient, type SalesforceClientOptions } from './jsforce-client';
import type { SalesforceSettings } from './settings';
import { connectTestAccount, startTestSalesforce } from './testing';

async function count(pages: AsyncIterable<SalesforceRecord[]>) {
  let n = 0;
  for await (const page of pages) n += page.length;
  return n;
}

describe.each(testDatabaseKinds)('jsforce SalesforceClient failures on %s', (kind) => {
  let emulator: RunningSalesforceEmulator;
  let handle: DatabaseHandle;
  let settings: SalesforceSettings;
  let admin: SessionUser;
  let accountId: string;
  let waits: number[];
  const options = (): SalesforceClientOptions => ({
    retry: { retries: 3, minDelayMs: 1, maxDelayMs: 4, sleep: async (ms) => { waits.push(ms); } },
    bulk: { pollIntervalMs: 10 },
  });
  const client = (id = accountId, workspaceId = admin.workspaceId) => createSalesforceClient(handle.db, settings, workspaceId, id, options());
  const openLeads = (n: number) => emulator.control.records('sandbox', 'Lead').filter((l) => !l.IsConverted).slice(0, n);
  const updates = (n: number, title: string): RecordUpdate[] => openLeads(n).map((l) => ({ Id: l.Id as string, Title: title }));
  const titles = (ids: string[]) => { const byId = new Map(emulator.control.records('sandbox', 'Lead').map((l) => [l.Id, l.Title])); return ids.map((id) => byId.get(id)); };

  beforeAll(async () => {
    ({ emulator, settings } = await startTestSalesforce({ queryPageSize: 500 }));
    handle = await createTestDatabase(kind);
    admin = (await createTestWorkspace(handle.db, 'A')).user;
    accountId = await connectTestAccount(handle.db, admin, settings);
  });
  afterEach(() => {
    emulator.control.clearFaults();
    waits = [];
  });
  afterAll(async () => {
    await handle.close();
    await emulator.close();
  });
  waits = [];

  it('retries a burst of 503s and counts every call', async () => {
    const sf = await client();
    emulator.control.addFault({ kind: 'unavailable', pattern: '/describe$', times: 2 });
    expect((await sf.describe('Lead')).name).toBe('Lead');
    expect(sf.callCount()).toBe(3);
  });

  it('gives up after its retries with the 503, saying Salesforce is unavailable', async () => {
    const sf = await client();
    emulator.control.addFault({ kind: 'unavailable', pattern: '/describe$' });
    const error = await sf.describe('Lead').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SalesforceApiError);
    expect(error).toMatchObject({ httpStatus: 503, sfErrorCode: 'SERVER_UNAVAILABLE', code: 'UNAVAILABLE' });
    expect(sf.callCount()).toBe(4);
  });

  it('waits for Retry-After on a 429, then succeeds', async () => {
    const sf = await client();
    emulator.control.addFault({ kind: 'rateLimited', pattern: '/composite/sobjects$', retryAfterSeconds: 7, times: 1 });
    const rows = updates(3, 'after 429');
    const results = await sf.updateCollection('Lead', rows);
    expect(results.every((r) => r.success)).toBe(true);
    expect(waits).toEqual([7000]);
    expect(titles(rows.map((r) => r.Id))).toEqual(['after 429', 'after 429', 'after 429']);
  });

  it('retries a call-level UNABLE_TO_LOCK_ROW and a dropped connection', async () => {
    const sf = await client();
    emulator.control.addFault({ kind: 'lockCall', pattern: '/composite/sobjects$', times: 1 });
    emulator.control.addFault({ kind: 'drop', pattern: '/composite/sobjects$', after: 1, times: 1 });
    const rows = updates(2, 'after lock and drop');
    expect((await sf.updateCollection('Lead', rows)).map((r) => r.success)).toEqual([true, true]);
    expect(sf.callCount()).toBe(3);
    expect(titles(rows.map((r) => r.Id))).toEqual(['after lock and drop', 'after lock and drop']);
  });

  it('sends rows refused with UNABLE_TO_LOCK_ROW again, in Collections and in Bulk', async () => {
    const sf = await client();
    emulator.control.addFault({ kind: 'lockRow', pattern: 'composite/sobjects', rate: 0.5, deterministic: true, times: 3 });
    const rows = updates(6, 'collections after row locks');
    const results = await sf.updateCollection('Lead', rows);
    expect(results.map((r) => [r.id, r.success])).toEqual(rows.map((r) => [r.Id, true]));
    expect(sf.callCount()).toBe(2);

    emulator.control.addFault({ kind: 'lockRow', pattern: '^BULK /jobs/ingest/Lead$', rate: 0.5, deterministic: true, times: 2 });
    const bulkRows = updates(8, 'bulk after row locks');
    const bulk = await sf.bulkUpdate('Lead', bulkRows);
    expect(bulk.map((r) => [r.id, r.success])).toEqual(bulkRows.map((r) => [r.Id, true]));
    expect(new Set(titles(bulkRows.map((r) => r.Id)))).toEqual(new Set(['bulk after row locks']));
  });

  it('renews an access token that expires mid-query and keeps paging', async () => {
    const sf = await client();
    emulator.control.addFault({ kind: 'expireSession', pattern: '/query/', times: 1 });
    const tokenCalls = emulator.control.tokenCalls();
    expect(await count(sf.query('SELECT Id FROM Lead'))).toBe(emulator.control.records('sandbox', 'Lead').length);
    expect(emulator.control.tokenCalls() - tokenCalls).toBe(1);

    emulator.control.addFault({ kind: 'expireSession', pattern: '/results$', times: 1 });
    const paged = await createSalesforceClient(handle.db, settings, admin.workspaceId, accountId, { ...options(), bulk: { pollIntervalMs: 10, queryPageSize: 700 } });
    expect(await count(paged.bulkQuery('SELECT Id FROM Lead'))).toBe(emulator.control.records('sandbox', 'Lead').length);
    expect(emulator.control.tokenCalls() - tokenCalls).toBe(2);
  });

  it('stops on REQUEST_LIMIT_EXCEEDED at once, with the message the user needs', async () => {
    const sf = await client();
    const { used } = emulator.control.apiUsage('sandbox');
    emulator.control.apiUsage('sandbox', { max: used + 1 });
    try {
      await sf.describe('Lead');
      const error = await sf.describe('Contact').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiLimitExceededError);
      expect((error as Error).message).toMatch(/daily API allowance is used up \(.+ calls in the last 24 hours\), so the run stopped/);
      expect(error).toMatchObject({ sfErrorCode: 'REQUEST_LIMIT_EXCEEDED', httpStatus: 403 });
      expect(sf.callCount()).toBe(2); // never retried
      expect(sf.apiUsage()).toEqual({ used: used + 1, max: used + 1 });
    } finally {
      emulator.control.apiUsage('sandbox', { max: 100_000 });
    }
  });

  it('creates a custom field that describe then sees, and explains a refusal', async () => {
    const sf = await client();
    const created = await sf.createCustomField({ objectName: 'Lead', name: 'WalkMe_Health', label: 'WalkMe Health', type: 'Number', precision: 5, scale: 2 });
    expect(created).toEqual({ fullName: 'Lead.WalkMe_Health__c' });
    expect((await sf.describe('Lead')).fields.find((f) => f.name === 'WalkMe_Health__c')).toMatchObject({ type: 'double', precision: 5, scale: 2, updateable: true });
    const again = await sf.createCustomField({ objectName: 'Lead', name: 'WalkMe_Health', label: 'WalkMe Health', type: 'Number' }).catch((e: unknown) => e);
    expect(again).toMatchObject({ sfErrorCode: 'DUPLICATE_DEVELOPER_NAME' });
    expect((again as Error).message).toMatch(/already exists on the object/);
    await expect(sf.createCustomField({ objectName: 'Lead', name: 'bad name!', label: 'x', type: 'Text' })).rejects.toThrow(/cannot be a Salesforce field name/);
  });

  it('marks the account "needs reconnect" when Salesforce refuses to renew the session, in its own workspace only', async () => {
    const other = (await createTestWorkspace(handle.db, 'Other')).user;
    const otherAccount = await connectTestAccount(handle.db, other, settings);
    const id = await connectTestAccount(handle.db, admin, settings, 'admin@sandbox.demo', 'demo-admin-1');
    const sf = await client(id);
    emulator.control.revokeTokens(decryptSecret((await getSalesforceAccount(handle.db, admin.workspaceId, id))!.refreshTokenSealed));
    emulator.control.expireAccessTokens();
    const error = await sf.describe('Lead').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReconnectNeededError);
    expect((error as Error).message).toMatch(/An admin must click Reconnect on the Accounts page/);
    expect((await getSalesforceAccount(handle.db, admin.workspaceId, id))!.status).toBe('needs_reconnect');
    expect((await getSalesforceAccount(handle.db, other.workspaceId, otherAccount))!.status).toBe('connected');
    await expect(client(id)).rejects.toThrow(/click Reconnect/);
    await expect(client(otherAccount)).rejects.toThrow(/was not found in your workspace/);
  });
});

describe('worker-safe module graph', () => {
  it('loads the client and the settings in plain Node (no server-only stub), as `npm run worker` does', () => {
    const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const run = spawnSync(tsx, ['-e', "Promise.all([import('./lib/salesforce/jsforce-client.ts'), import('./lib/salesforce/app-settings.ts'), import('./lib/salesforce/error-help.ts')]).then(([c, s, h]) => console.log(typeof c.createSalesforceClient, typeof s.getSalesforceSettings, typeof h.explainSalesforceError))"],
      { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('function function function');
  });
});
