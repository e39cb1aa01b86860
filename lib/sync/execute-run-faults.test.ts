import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testDatabaseKinds } from '@/db/testing';
import { getSalesforceAccount } from '@/db/queries/salesforce-accounts';
import { integrationRunRows, integrationSyncState } from '@/db/schema';
import { demoOrgSeed } from '@/emulators/salesforce/seed/demo';
import { demoPeople } from '@/lib/demo/people';
import { createCustomReport } from '@/lib/insights/custom-reports';
import { ingestForTest } from '@/lib/insights/testing';
import { createSalesforceClient } from '@/lib/salesforce/jsforce-client';
import { decryptSecret } from '@/lib/secrets/cipher';
import { executeRun } from './execute-run';
import {
  clearSync, countWrites, createTestIntegration, FAST_CLIENT, ingestLogins, leadsByEmail, loadRun, LOGINS_TO_LEAD, queueTestRun, startSyncWorld, type SyncWorld,
} from './run-testing';

const PEOPLE = 60;
const people = demoPeople(PEOPLE);
const openLeads = (world: SyncWorld) => [...leadsByEmail(world).values()].flat().filter((l) => !l.IsConverted);

describe.each(testDatabaseKinds)('executeRun when things go wrong, on %s', (kind) => {
  let world: SyncWorld;
  let integrationId: string;

  beforeAll(async () => {
    world = await startSyncWorld(kind, PEOPLE);
    await ingestLogins(world, PEOPLE);
    integrationId = await createTestIntegration(world, LOGINS_TO_LEAD);
  }, 60_000);
  afterAll(async () => { await world.close(); });
  beforeEach(async () => {
    world.emulator.control.clearFaults();
    await clearSync(world, integrationId);
  });

  const run = async (id = integrationId) => {
    const runId = await queueTestRun(world, id);
    const result = await executeRun(world.deps, { workspaceId: world.admin.workspaceId, runId });
    return { result, run: await loadRun(world, runId) };
  };
  const expectAllWritten = () => {
    const leads = openLeads(world);
    expect(leads.length).toBeGreaterThan(40);
    for (const lead of leads) expect(lead.WalkMe_User_Id__c).toMatch(/^u-/);
  };

  it('rejects rows whose values cannot fit, with the reason and fix, and writes the rest', async () => {
    const report = await createCustomReport(world.handle.db, world.admin.workspaceId, {
      name: 'Profiles', keyColumn: 'Email', tags: ['integrations_salesforce'],
      columns: [
        { kind: 'field', label: 'Email', field: 'email' },
        { kind: 'latestValue', label: 'Job title', eventType: 'profile', property: 'title' },
        { kind: 'latestValue', label: 'Category', eventType: 'profile', property: 'category' },
        { kind: 'latestValue', label: 'Score', eventType: 'profile', property: 'score' },
      ],
    });
    const [a, b, c, d] = [people[2], people[3], people[4], people[5]];
    const profile = (p: typeof a, properties: Record<string, unknown>) => ({ userId: p.userId, email: p.email, type: 'profile', timestamp: new Date(Date.now() - 3_600_000).toISOString(), properties });
    await ingestForTest(world.handle.db, world.admin.workspaceId, [
      profile(a, { title: 'Engineer', category: 'Promoter', score: '9' }),
      profile(b, { title: 'x'.repeat(129), category: 'Passive', score: '7' }),
      profile(c, { title: 'Analyst', category: 'Fan', score: '8' }),
      profile(d, { title: 'Analyst', category: 'Detractor', score: 'ten' }),
    ]);
    const id = await createTestIntegration(world, {
      reportId: report.id, objectName: 'Lead', keys: [{ column: 'Email', field: 'Email' }],
      mappings: [{ column: 'Job title', field: 'Title' }, { column: 'Category', field: 'WalkMe_NPS_Category__c' }, { column: 'Score', field: 'WalkMe_NPS_Score__c' }],
    });
    const { run: r } = await run(id);
    expect(r).toMatchObject({ status: 'completed', readCount: PEOPLE, rejectedCount: 3 });
    expect(r.message).toMatch(/^Completed with 3 rejected rows/);
    const rows = await world.handle.db.select().from(integrationRunRows).where(and(eq(integrationRunRows.runId, r.id), eq(integrationRunRows.outcome, 'rejected')));
    const byKey = new Map(rows.map((row) => [row.key, row]));
    expect(byKey.get(b.email)).toMatchObject({ errorCode: 'STRING_TOO_LONG', field: 'Title', message: '"Job title" is 129 characters long; Title holds at most 128.' });
    expect(byKey.get(c.email)).toMatchObject({ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', field: 'WalkMe_NPS_Category__c', fix: 'Add "Fan" to the picklist in Salesforce Setup, or map a different column.' });
    expect(byKey.get(d.email)).toMatchObject({ errorCode: 'INVALID_NUMBER', field: 'WalkMe_NPS_Score__c', message: '"Score" "ten" is not a number.' });
    const leads = leadsByEmail(world);
    expect(leads.get(a.email)![0]).toMatchObject({ Title: 'Engineer', WalkMe_NPS_Category__c: 'Promoter', WalkMe_NPS_Score__c: 9 });
    expect(leads.get(c.email)![0].WalkMe_NPS_Category__c ?? null).toBeNull();
    // Rejected rows leave no sync state, so they are tried again next run.
    const states = await world.handle.db.select().from(integrationSyncState).where(eq(integrationSyncState.integrationId, id));
    const keys = new Set(states.map((s) => s.key));
    expect(keys.has(a.email)).toBe(true);
    for (const p of [b, c, d]) expect(keys.has(p.email)).toBe(false);
  });

  it('rides out 503 bursts, 429 with Retry-After and locked rows', async () => {
    const waits: number[] = [];
    const deps = {
      ...world.deps,
      salesforceFor: (ws: string, acc: string) => createSalesforceClient(world.handle.db, world.settings, ws, acc, {
        ...FAST_CLIENT, retry: { ...FAST_CLIENT.retry, sleep: async (ms: number) => { waits.push(ms); } },
      }),
    };
    const c = world.emulator.control;
    const unavailable = c.addFault({ kind: 'unavailable', pattern: 'composite/sobjects', times: 2 });
    const limited = c.addFault({ kind: 'rateLimited', pattern: '/query', retryAfterSeconds: 2, times: 1 });
    const locked = c.addFault({ kind: 'lockRow', pattern: 'composite/sobjects', rate: 0.1, deterministic: true });
    const runId = await queueTestRun(world, integrationId);
    expect((await executeRun(deps, { workspaceId: world.admin.workspaceId, runId })).status).toBe('completed');
    const r = await loadRun(world, runId);
    expect(r).toMatchObject({ status: 'completed', rejectedCount: 0 });
    const fired = new Map(c.faults().map((f) => [f.id, f.fired]));
    expect(fired.get(unavailable)).toBe(2);
    expect(fired.get(limited)).toBe(1);
    expect(fired.get(locked)).toBeGreaterThan(0);
    expect(waits).toContain(2000);
    expectAllWritten();
  });

  it('records rows Salesforce keeps refusing with its code and the plain-language fix, and leaves them for the next run', async () => {
    world.emulator.control.addFault({ kind: 'lockRow', pattern: 'composite/sobjects', rate: 1 });
    const { run: r } = await run();
    expect(r).toMatchObject({ status: 'completed', updatedCount: 0 });
    expect(r.rejectedCount).toBe(r.matchedCount);
    const [row] = await world.handle.db.select().from(integrationRunRows).where(and(eq(integrationRunRows.runId, r.id), eq(integrationRunRows.outcome, 'rejected'))).limit(1);
    expect(row).toMatchObject({ errorCode: 'UNABLE_TO_LOCK_ROW' });
    expect(row.fix).toBeTruthy();
    expect(row.recordIds).toHaveLength(1);
    expect(await world.handle.db.select().from(integrationSyncState).where(eq(integrationSyncState.integrationId, integrationId))).toHaveLength(0);
    world.emulator.control.clearFaults();
    expect((await run()).run).toMatchObject({ status: 'completed', rejectedCount: 0, unchangedCount: 0 });
  });

  it('renews an access token that expires mid-run and carries on', async () => {
    world.emulator.control.addFault({ kind: 'expireSession', pattern: 'composite/sobjects', times: 1 });
    const calls = world.emulator.control.tokenCalls();
    const { run: r } = await run();
    expect(r).toMatchObject({ status: 'completed', rejectedCount: 0 });
    expect(world.emulator.control.tokenCalls() - calls).toBe(1);
    expectAllWritten();
  });

  it('stops at once when the daily API allowance runs out, and the next run sends what was left', async () => {
    const c = world.emulator.control;
    const usage = c.apiUsage('sandbox');
    // Enough for describe and the key lookup, not for the writes.
    c.apiUsage('sandbox', { max: usage.used + 2 });
    const { result, run: r } = await run();
    expect(result.status).toBe('failed');
    expect(r.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(r.message).toMatch(/daily API allowance is used up/);
    expect(r.updatedCount).toBe(0);
    c.apiUsage('sandbox', { max: 1_000_000 });
    const again = await run();
    expect(again.run).toMatchObject({ status: 'completed', unchangedCount: 0 });
    expectAllWritten();
  });

  it('fails before writing anything when a mapped field was deleted in Salesforce, naming it', async () => {
    const seed = demoOrgSeed('sandbox', PEOPLE);
    const lead = seed.objects.find((o) => o.name === 'Lead')!;
    lead.fields = lead.fields.filter((f) => f.name !== 'WalkMe_Logins_Last_30_Days__c');
    world.emulator.control.seed('sandbox', seed);
    const writes = countWrites(world);
    try {
      const { result, run: r } = await run();
      expect(result.status).toBe('failed');
      expect(r.errorCode).toBe('MAPPING_INVALID');
      expect(r.message).toContain('Lead.WalkMe_Logins_Last_30_Days__c');
      expect(r.message).toContain('nothing was written');
      expect(writes()).toBe(0);
      expect(openLeads(world).every((l) => l.WalkMe_User_Id__c === undefined || l.WalkMe_User_Id__c === null)).toBe(true);
    } finally {
      world.emulator.control.seed('sandbox', demoOrgSeed('sandbox', PEOPLE));
    }
  });

  it('fails with the reconnect message when Salesforce refuses to renew the session, and marks the account', async () => {
    const account = (await getSalesforceAccount(world.handle.db, world.admin.workspaceId, world.accountId))!;
    world.emulator.control.revokeTokens(decryptSecret(account.refreshTokenSealed));
    world.emulator.control.expireAccessTokens();
    const { result, run: r } = await run();
    expect(result.status).toBe('failed');
    expect(r.errorCode).toBe('RECONNECT_NEEDED');
    expect(r.message).toMatch(/Salesforce refused to renew the session of admin@sandbox\.demo.*Reconnect/);
    expect((await getSalesforceAccount(world.handle.db, world.admin.workspaceId, world.accountId))!.status).toBe('needs_reconnect');
    // A later run fails at once with the same advice instead of calling Salesforce.
    const later = await run();
    expect(later.run).toMatchObject({ status: 'failed', errorCode: 'RECONNECT_NEEDED' });
  });
});
