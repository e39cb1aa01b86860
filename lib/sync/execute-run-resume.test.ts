import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDatabaseKinds } from '@/db/testing';
import type { Database } from '@/db/client';
import { integrationRunRows, integrationSyncState } from '@/db/schema';
import { ingestForTest } from '@/lib/insights/testing';
import { DEMO_RULES } from '@/emulators/salesforce/seed/demo';
import { demoPeople } from '@/lib/demo/people';
import type { RecordUpdate, SalesforceClient } from '@/lib/salesforce/client';
import { executeRun, type SyncDeps } from './execute-run';
import {
  crashingClient, wrapClient, createTestIntegration, ingestLogins, leadsByEmail, loadRun, LOGINS_TO_LEAD, queueTestRun, SimulatedCrash, startSyncWorld, type SyncWorld,
} from './run-testing';

// Chunks of 1,000 rows (report queries of 500), each written as one Bulk job, keys from one Bulk query: the Bulk
// path of a large run, at a test's size.
const PEOPLE = 2_500;
const people = demoPeople(PEOPLE);
// A converted person's duplicate Lead is not converted: their key still matches that one.
const openLeadsOf = (p: (typeof people)[number]) => 1 + (DEMO_RULES.hasDuplicateLead(p.index) ? 1 : 0) - (DEMO_RULES.isConverted(p.index) ? 1 : 0);
const writable = people.filter((p) => openLeadsOf(p) > 0);
const records = writable.reduce((sum, p) => sum + openLeadsOf(p), 0);

/** The database, except that the process "dies" as it is about to commit its transaction number `after + 1`. */
function crashingDb(db: Database, after: number): Database {
  let transactions = 0;
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'transaction') {
        return (...args: Parameters<Database['transaction']>) => {
          if (++transactions > after) throw new SimulatedCrash(`worker killed before transaction #${transactions}`);
          return target.transaction(...args);
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe.each(testDatabaseKinds)('a run interrupted and resumed, on %s', (kind) => {
  let world: SyncWorld;

  beforeAll(async () => {
    world = await startSyncWorld(kind, PEOPLE);
    await ingestLogins(world, PEOPLE);
  }, 120_000);
  afterAll(async () => { await world.close(); });

  /**
   * Deps whose client crashes as told, and which records every record id each bulkUpdate sends (in the order
   * the jobs start) and the most jobs ever in flight at once.
   */
  function depsWith(wrap: (client: SalesforceClient) => SalesforceClient, sent: string[][], sendsInFlight = 2, seen = { active: 0, most: 0 }): SyncDeps {
    return {
      ...world.deps,
      tuning: { ...world.deps.tuning, readBatchSize: 500, bulkJobRecords: 1_000, bulkThreshold: 100, bulkLookupRows: 500, sendsInFlight },
      salesforceFor: async (ws, acc) => {
        const inner = wrap(await world.deps.salesforceFor(ws, acc));
        return wrapClient(inner, {
          bulkUpdate: async (name: string, records: RecordUpdate[]) => {
            sent.push(records.map((r) => r.Id));
            seen.most = Math.max(seen.most, ++seen.active);
            try { return await inner.bulkUpdate(name, records); } finally { seen.active--; }
          },
        });
      },
    };
  }

  function expectValuesCorrect() {
    const leads = leadsByEmail(world);
    for (const p of writable) {
      for (const lead of leads.get(p.email)!.filter((l) => !l.IsConverted)) {
        expect(lead.WalkMe_User_Id__c).toBe(p.userId);
        expect(lead.WalkMe_Logins_Last_30_Days__c).toBe((p.index % 5) + 1);
      }
    }
  }

  it('picks up a run killed between a Bulk job and its bookkeeping, and finishes without resending what was recorded', async () => {
    const integrationId = await createTestIntegration(world, LOGINS_TO_LEAD);
    const runId = await queueTestRun(world, integrationId);
    const params = { workspaceId: world.admin.workspaceId, runId };
    const first: string[][] = [];
    // One job at a time, so the kill falls between the first job's bookkeeping and the second's.
    await expect(executeRun(depsWith((c) => crashingClient(c, 'bulkUpdate', 2), first, 1), params)).rejects.toBeInstanceOf(SimulatedCrash);
    const halfway = await loadRun(world, runId);
    expect(halfway).toMatchObject({ status: 'running', attempt: 1, readCount: 1_000, rowsProcessed: 1_000, checkpoint: { phase: 'read', afterUserId: people[999].userId } });
    // The first job was recorded; the second reached Salesforce but not our books.
    expect(first).toHaveLength(2);
    expect(halfway.updatedCount).toBe(first[0].length);

    const second: string[][] = [];
    const result = await executeRun(depsWith((c) => c, second), params);
    expect(result.status).toBe('completed');
    const done = await loadRun(world, runId);
    expect(done).toMatchObject({
      status: 'completed', attempt: 2, readCount: PEOPLE, updatedCount: records, noMatchCount: PEOPLE - writable.length,
      rowsToProcess: PEOPLE, rowsProcessed: PEOPLE, asOf: halfway.asOf, startedAt: halfway.startedAt,
    });
    // The resumed attempt reads on after the recorded chunk, looks the keys up again (records may have changed) and writes the rest.
    // (Chunks read while the Bulk query runs are looked up with SOQL meanwhile: a second Resolve keys step.)
    expect([...new Set(done.steps.map((s) => s.name))]).toEqual(['Check mapping', 'Resume', 'Read report', 'Resolve keys', 'Write', 'Finish']);
    expect(done.steps[1].message).toBe(`Attempt 2 picks up where the last one stopped: 1,000 of ${PEOPLE.toLocaleString('en-US')} rows done.`);
    expect(done.steps.map((s) => s.message)).toContainEqual(expect.stringMatching(/^Read the e-mail of [\d,]+ Lead records in Salesforce in one bulk query \(converted Leads left out\), to match the report's e-mails\.$/));
    expect(done.steps.find((s) => s.name === 'Write')!.message).toMatch(/ in 2 bulk jobs: /);
    // Nothing from the recorded first job went again; the unrecorded second job went again, with the same values.
    const resent = new Set(second.flat());
    expect(first[0].some((id) => resent.has(id))).toBe(false);
    expect(first[1].every((id) => resent.has(id))).toBe(true);
    expect(second.flat().length + first[0].length).toBe(records);
    expectValuesCorrect();
    const states = await world.handle.db.select().from(integrationSyncState).where(eq(integrationSyncState.integrationId, integrationId));
    expect(states).toHaveLength(writable.length);
    expect(states.every((s) => s.pushCount === 1 && s.lastRunId === runId)).toBe(true);
    // Accepted rows are in the sync state; the rest have an outcome row each.
    const rows = await world.handle.db.select({ outcome: integrationRunRows.outcome }).from(integrationRunRows).where(eq(integrationRunRows.runId, runId));
    expect(rows.map((r) => r.outcome)).toEqual(Array(PEOPLE - writable.length).fill('no_match'));
  }, 120_000);

  it('sends two Bulk jobs at once and, killed with both in flight, resends only the chunks it had not recorded', async () => {
    const integrationId = await createTestIntegration(world, { ...LOGINS_TO_LEAD, name: 'In flight' });
    const runId = await queueTestRun(world, integrationId);
    const params = { workspaceId: world.admin.workspaceId, runId };
    const first: string[][] = [];
    const seen = { active: 0, most: 0 };
    await expect(executeRun(depsWith((c) => crashingClient(c, 'bulkUpdate', 2), first, 2, seen), params)).rejects.toBeInstanceOf(SimulatedCrash);
    // The next chunk's job starts while the one before it is still with Salesforce, never more than two.
    expect(seen.most).toBe(2);
    const halfway = await loadRun(world, runId);
    expect(halfway.status).toBe('running');
    // What was recorded is a run of whole chunks from the start, in order: its records are exactly those counted.
    let recorded = 0;
    while (recorded < first.length && first.slice(0, recorded + 1).flat().length <= halfway.updatedCount) recorded++;
    expect(first.slice(0, recorded).flat()).toHaveLength(halfway.updatedCount);
    expect(recorded).toBeLessThan(first.length);

    const second: string[][] = [];
    expect((await executeRun(depsWith((c) => c, second, 2, seen), params)).status).toBe('completed');
    expect(await loadRun(world, runId)).toMatchObject({ status: 'completed', attempt: 2, readCount: PEOPLE, updatedCount: records, rowsProcessed: PEOPLE });
    const resent = new Set(second.flat());
    expect(first.slice(0, recorded).flat().some((id) => resent.has(id))).toBe(false);
    expect(first.slice(recorded).flat().every((id) => resent.has(id))).toBe(true);
    expectValuesCorrect();
    const states = await world.handle.db.select().from(integrationSyncState).where(eq(integrationSyncState.integrationId, integrationId));
    expect(states).toHaveLength(writable.length);
    expect(states.every((st) => st.pushCount === 1)).toBe(true);
  }, 120_000);

  it('writes the chunks read while the Bulk lookup still runs, their keys looked up with SOQL meanwhile', async () => {
    const integrationId = await createTestIntegration(world, { ...LOGINS_TO_LEAD, name: 'During lookup' });
    const runId = await queueTestRun(world, integrationId);
    // The Bulk query's answer is held back until a chunk has been written: a run that waited for it would never end.
    let release!: () => void;
    const written = new Promise<void>((resolve) => { release = resolve; });
    const held = (c: SalesforceClient) => wrapClient(c, {
      bulkQuery: async function* (soql) { await written; yield* c.bulkQuery(soql); },
      bulkUpdate: async (name, records) => { const results = await c.bulkUpdate(name, records); release(); return results; },
    });
    const sent: string[][] = [];
    expect((await executeRun(depsWith(held, sent), { workspaceId: world.admin.workspaceId, runId })).status).toBe('completed');
    const done = await loadRun(world, runId);
    expect(done).toMatchObject({ status: 'completed', readCount: PEOPLE, updatedCount: records, noMatchCount: PEOPLE - writable.length });
    expect(done.steps.filter((st) => st.name === 'Resolve keys').map((st) => st.message)).toEqual([
      expect.stringMatching(/ in one bulk query /), expect.stringMatching(/^Looked up [\d,]+ e-mails in Salesforce: /),
    ]);
    expect(sent.flat()).toHaveLength(records);
    expectValuesCorrect();
  }, 120_000);

  it('resumes a run killed during key resolution without counting any row twice', async () => {
    const integrationId = await createTestIntegration(world, { ...LOGINS_TO_LEAD, name: 'Second' });
    const runId = await queueTestRun(world, integrationId);
    const params = { workspaceId: world.admin.workspaceId, runId };
    const first: string[][] = [];
    await expect(executeRun(depsWith((c) => crashingClient(c, 'bulkQuery', 1), first), params)).rejects.toBeInstanceOf(SimulatedCrash);
    // The Bulk lookup runs while the report is read, and chunks read meanwhile go with SOQL lookups: what was
    // recorded before the kill is a run of whole chunks from the start, and its records are exactly those counted.
    const halfway = await loadRun(world, runId);
    expect(halfway.status).toBe('running');
    let recorded = 0;
    while (recorded < first.length && first.slice(0, recorded + 1).flat().length <= halfway.updatedCount) recorded++;
    expect(first.slice(0, recorded).flat()).toHaveLength(halfway.updatedCount);
    expect(halfway.readCount).toBeLessThan(PEOPLE);

    const second: string[][] = [];
    expect((await executeRun(depsWith((c) => c, second), params)).status).toBe('completed');
    const done = await loadRun(world, runId);
    expect(done).toMatchObject({ status: 'completed', readCount: PEOPLE, rejectedCount: 0, updatedCount: records, noMatchCount: PEOPLE - writable.length, rowsProcessed: PEOPLE });
    // Nothing recorded went again; the rest went exactly once more.
    const resent = new Set(second.flat());
    expect(first.slice(0, recorded).flat().some((id) => resent.has(id))).toBe(false);
    expect(first.slice(0, recorded).flat().length + second.flat().length).toBe(records);
    expectValuesCorrect();
  }, 120_000);

  it('fails a run whose attempts keep crashing instead of leaving it running', async () => {
    const integrationId = await createTestIntegration(world, { ...LOGINS_TO_LEAD, name: 'Third' });
    const runId = await queueTestRun(world, integrationId);
    const params = { workspaceId: world.admin.workspaceId, runId };
    const deps: SyncDeps = { ...world.deps, maxAttempts: 2, salesforceFor: async () => { throw new Error('database connection lost'); } };
    await expect(executeRun(deps, params)).rejects.toThrow('database connection lost');
    expect((await executeRun(deps, params)).status).toBe('failed');
    expect(await loadRun(world, runId)).toMatchObject({ status: 'failed', attempt: 2, errorCode: 'INTERNAL' });
  });

  it('resumes a run killed before recording its third chunk from the second, and still finds a duplicate key across the kill', async () => {
    // A last end user (User ID after every demo person's) with the e-mail of the first: a duplicate of a row staged before the kill.
    await ingestForTest(world.handle.db, world.admin.workspaceId, [{ userId: 'zz-late', email: people[0].email, type: 'login', timestamp: new Date(Date.now() - 3_600_000).toISOString() }]);
    const integrationId = await createTestIntegration(world, { ...LOGINS_TO_LEAD, name: 'Fourth' });
    const runId = await queueTestRun(world, integrationId);
    const params = { workspaceId: world.admin.workspaceId, runId };
    // Chunks of 1,000 rows; the worker dies as it is about to commit the third (which Salesforce already has).
    const sent: string[][] = [];
    await expect(executeRun({ ...depsWith((c) => c, sent), db: crashingDb(world.handle.db, 2) }, params)).rejects.toBeInstanceOf(SimulatedCrash);
    const halfway = await loadRun(world, runId);
    const firstTwo = people.slice(0, 2_000).filter((p) => openLeadsOf(p) > 0).reduce((sum, p) => sum + openLeadsOf(p), 0);
    expect(halfway).toMatchObject({ status: 'running', readCount: 2_000, updatedCount: firstTwo, checkpoint: { phase: 'read', afterUserId: people[1999].userId } });
    expect(sent).toHaveLength(3);

    expect((await executeRun(depsWith((c) => c, sent), params)).status).toBe('completed');
    const done = await loadRun(world, runId);
    expect(done).toMatchObject({
      status: 'completed', attempt: 2, readCount: PEOPLE + 1, rejectedCount: 1, updatedCount: records, noMatchCount: PEOPLE - writable.length, rowsProcessed: PEOPLE + 1,
    });
    expect(done.steps[done.steps.findIndex((s) => s.name === 'Resume')].message).toBe('Attempt 2 picks up where the last one stopped: 2,000 of 2,501 rows done.');
    // The third chunk went again with the same values; the first two did not.
    expect(sent).toHaveLength(4);
    expect(new Set(sent[3])).toEqual(new Set(sent[2]));
    const [duplicate] = await world.handle.db.select().from(integrationRunRows).where(eq(integrationRunRows.runId, runId)).then((rows) => rows.filter((r) => r.outcome === 'rejected'));
    expect(duplicate).toMatchObject({ userId: 'zz-late', errorCode: 'DUPLICATE_KEY' });
    expectValuesCorrect();
    const states = await world.handle.db.select().from(integrationSyncState).where(eq(integrationSyncState.integrationId, integrationId));
    expect(states).toHaveLength(writable.length);
    expect(states.every((st) => st.pushCount === 1)).toBe(true);
  }, 120_000);
});
