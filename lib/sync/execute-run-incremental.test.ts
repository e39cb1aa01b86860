import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDatabaseKinds } from '@/db/testing';
import type { Database } from '@/db/client';
import { deleteEventsByClientIdPrefix, insertEventBatch } from '@/db/queries/insights-events';
import { integrations } from '@/db/schema';
import type { IntegrationRunRow } from '@/db/queries/sync-runs';
import { demoPeople } from '@/lib/demo/people';
import { streamReportRows } from '@/lib/insights/report-rows';
import { ingestForTest } from '@/lib/insights/testing';
import { DEMO_RULES } from '@/emulators/salesforce/seed/demo';
import { executeRun, type SyncDeps } from './execute-run';
import { countWrites, crashingClient, createTestIntegration, ingestLogins, leadsByEmail, loadRun, LOGINS_TO_LEAD, queueTestRun, SimulatedCrash, startSyncWorld, type SyncWorld } from './run-testing';

const PEOPLE = 200;
const DAY = 86_400_000;
const people = demoPeople(PEOPLE);
const converted = people.filter((p) => DEMO_RULES.isConverted(p.index));
const open = PEOPLE - converted.length;

/** How many rows the run counted unchanged without reading them, from its Read report step (0: it read every row). */
function notReadAgain(run: IntegrationRunRow): number {
  const step = run.steps.find((s) => s.name === 'Read report')!;
  const found = /\(([\d,]+) of them not read again: nothing they are computed from has changed since the run as of /.exec(step.message);
  return found ? Number(found[1].replace(/,/g, '')) : 0;
}

describe.each(testDatabaseKinds)('incremental runs on %s', (kind) => {
  let world: SyncWorld;
  let integrationId: string;
  let writes: () => number;
  const start = Date.now();

  beforeAll(async () => {
    world = await startSyncWorld(kind, PEOPLE);
    await ingestLogins(world, PEOPLE, () => 0, start);
    integrationId = await createTestIntegration(world, LOGINS_TO_LEAD);
    writes = countWrites(world);
  }, 60_000);
  afterAll(async () => { await world.close(); });

  const run = async (options: { fullResync?: boolean; at?: number } = {}) => {
    const runId = await queueTestRun(world, integrationId, options);
    const deps: SyncDeps = options.at === undefined ? world.deps : { ...world.deps, clock: () => new Date(options.at! + (Date.now() - start)) };
    const result = await executeRun(deps, { workspaceId: world.admin.workspaceId, runId });
    expect(result.status).toBe('completed');
    return loadRun(world, runId);
  };

  /** Every open Lead carries the login count a full read of the report gives as of `asOf`. */
  async function expectLeadsAsOf(asOf: Date) {
    const leads = leadsByEmail(world);
    let checked = 0;
    for await (const rows of streamReportRows(world.handle.db, world.admin.workspaceId, 'logins-review', { asOf, batchSize: 500 })) {
      for (const row of rows) {
        for (const lead of leads.get(String(row.Email))!) {
          if (lead.IsConverted) continue;
          expect([row.Email, lead.WalkMe_Logins_Last_30_Days__c]).toEqual([row.Email, row['# Logins Last 30 Days']]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(open);
  }

  it('reads only the rows left without a match after a full run, and counts the rest unchanged', async () => {
    const first = await run();
    expect(first).toMatchObject({ readCount: PEOPLE, unchangedCount: 0, noMatchCount: converted.length });
    expect(notReadAgain(first)).toBe(0);

    const before = writes();
    const second = await run();
    expect(second).toMatchObject({
      readCount: PEOPLE, unchangedCount: open, noMatchCount: converted.length, updatedCount: 0, rejectedCount: 0, rowsToProcess: PEOPLE, rowsProcessed: PEOPLE,
    });
    expect(notReadAgain(second)).toBe(open);
    expect(writes() - before).toBe(0);
  });

  it('reads again the end users with new events and sends their new values', async () => {
    const changed = [people[3], people[151]];
    await ingestForTest(world.handle.db, world.admin.workspaceId, changed.map((p) => ({ userId: p.userId, email: p.email, type: 'login', timestamp: new Date(Date.now() - 60_000).toISOString() })));
    const r = await run();
    expect(r).toMatchObject({ readCount: PEOPLE, updatedCount: 2, unchangedCount: open - 2 });
    expect(notReadAgain(r)).toBe(open - 2);
    const leads = leadsByEmail(world);
    for (const p of changed) expect(leads.get(p.email)![0].WalkMe_Logins_Last_30_Days__c).toBe((p.index % 5) + 2);
  });

  it('reads again the end users whose events were removed', async () => {
    const someone = people[10];
    await ingestForTest(world.handle.db, world.admin.workspaceId, [1, 2, 3].map((n) => ({
      id: `undo-${n}`, userId: someone.userId, email: someone.email, type: 'login', timestamp: new Date(Date.now() - n * 3_600_000).toISOString(),
    })));
    await run();
    expect(leadsByEmail(world).get(someone.email)![0].WalkMe_Logins_Last_30_Days__c).toBe((someone.index % 5) + 4);
    await deleteEventsByClientIdPrefix(world.handle.db, world.admin.workspaceId, 'undo-');
    const r = await run();
    expect(r).toMatchObject({ updatedCount: 1, unchangedCount: open - 1 });
    expect(leadsByEmail(world).get(someone.email)![0].WalkMe_Logins_Last_30_Days__c).toBe((someone.index % 5) + 1);
  });

  it('resumes a run killed part way through what it reads again, counting the rows not read once', async () => {
    const changed = people.slice(30, 90).filter((p) => !DEMO_RULES.isConverted(p.index) && !DEMO_RULES.hasDuplicateLead(p.index)).slice(0, 30);
    await ingestForTest(world.handle.db, world.admin.workspaceId, changed.map((p) => ({ userId: p.userId, email: p.email, type: 'login', timestamp: new Date(Date.now() - 30_000).toISOString() })));
    const runId = await queueTestRun(world, integrationId);
    // Chunks of 10 rows, each one Bulk job; the worker dies after the second job, before recording it.
    const tuning = { ...world.deps.tuning, readBatchSize: 10, bulkJobRecords: 10, bulkThreshold: 5, sendsInFlight: 1 };
    const crashing: SyncDeps = { ...world.deps, tuning, salesforceFor: async (ws, acc) => crashingClient(await world.deps.salesforceFor(ws, acc), 'bulkUpdate', 2) };
    await expect(executeRun(crashing, { workspaceId: world.admin.workspaceId, runId })).rejects.toBeInstanceOf(SimulatedCrash);
    const halfway = await loadRun(world, runId);
    // The first job (rows to send and rows still without a match, in User ID order) was recorded, the second was not.
    expect(halfway).toMatchObject({ status: 'running', rowsToProcess: PEOPLE });
    expect(halfway.updatedCount).toBeGreaterThan(0);
    expect(halfway.updatedCount).toBeLessThan(30);
    expect(await executeRun({ ...world.deps, tuning }, { workspaceId: world.admin.workspaceId, runId })).toMatchObject({ status: 'completed' });
    const r = await loadRun(world, runId);
    expect(r).toMatchObject({ attempt: 2, readCount: PEOPLE, rowsProcessed: PEOPLE, updatedCount: 30, unchangedCount: open - 30, noMatchCount: converted.length });
    expect(notReadAgain(r)).toBe(open - 30);
    const leads = leadsByEmail(world);
    for (const p of changed) expect(leads.get(p.email)![0].WalkMe_Logins_Last_30_Days__c).toBe((p.index % 5) + 2);
  });

  it('reads again the rows whose logins leave the 30-day window, so Salesforce holds what a full read gives', async () => {
    // 26 days later every login from 5 days before the start is 31 days old: those counts drop by one.
    const later = start + 26 * DAY;
    const r = await run({ at: later });
    const dropping = people.filter((p) => p.index % 5 === 4 && !DEMO_RULES.isConverted(p.index)).length;
    expect(r.updatedCount).toBeGreaterThanOrEqual(dropping);
    expect(notReadAgain(r)).toBeGreaterThan(0);
    expect(notReadAgain(r)).toBeLessThan(open - dropping + 1);
    await expectLeadsAsOf(r.asOf!);

    // A day on: the logins from 4 days before the start leave too.
    const next = await run({ at: later + DAY });
    expect(next.updatedCount).toBeGreaterThan(0);
    await expectLeadsAsOf(next.asOf!);
    // And nothing left to change the same day after.
    const same = await run({ at: later + DAY + 60_000 });
    expect(same).toMatchObject({ updatedCount: 0, unchangedCount: open });
  });

  it('updates a row that had no match once Salesforce has a record for it, with no new data', async () => {
    const person = converted[0];
    world.emulator.control.generateRecords('sandbox', 'Lead', 1, { Email: person.email, LastName: 'Again', Company: 'Again Co' });
    const r = await run({ at: start + 27 * DAY + 120_000 });
    expect(r).toMatchObject({ updatedCount: 1, noMatchCount: converted.length - 1 });
    const fresh = leadsByEmail(world).get(person.email)!.find((l) => !l.IsConverted)!;
    expect(fresh.WalkMe_User_Id__c).toBe(person.userId);
  });

  it('reads every row again after the report\'s definition changes, or on a full resync', async () => {
    const resync = await run({ fullResync: true, at: start + 27 * DAY + 180_000 });
    expect(notReadAgain(resync)).toBe(0);
    expect(resync.unchangedCount).toBe(0);
    await world.handle.db.update(integrations).set({ mappings: LOGINS_TO_LEAD.mappings.slice(0, 2), version: 2 }).where(eq(integrations.id, integrationId));
    const remapped = await run({ at: start + 27 * DAY + 240_000 });
    expect(notReadAgain(remapped)).toBe(0);
    const after = await run({ at: start + 27 * DAY + 300_000 });
    // Every row but those still without a match (one converted person now has an open Lead).
    expect(notReadAgain(after)).toBe(open + 1);
  });

  it('reads every row when the last run was as of a later time (a worker whose clock is behind)', async () => {
    const behind = await run({ at: start + 27 * DAY + 320_000 - 3_600_000 });
    expect(notReadAgain(behind)).toBe(0);
    const back = await run({ at: start + 27 * DAY + 330_000 });
    expect(back.updatedCount).toBe(0);
  });

  if (kind === 'postgres') {
    it('sees a change from a transaction that was still open when the run started', async () => {
      const someone = people[20];
      const at = start + 27 * DAY + 360_000;
      let release!: () => void;
      const held = new Promise<void>((resolve) => { release = resolve; });
      let stored!: () => void;
      const written = new Promise<void>((resolve) => { stored = resolve; });
      // An ingestion request whose transaction stays open while a run starts and reads: the run cannot see it.
      const ingesting = world.handle.db.transaction(async (tx) => {
        await insertEventBatch(tx as unknown as Database, world.admin.workspaceId, [{
          clientId: null, userId: someone.userId, email: someone.email, type: 'login', timestamp: new Date(at - 60_000).toISOString(), properties: {},
        }]);
        stored();
        await held;
      });
      await written;
      const during = await run({ at });
      expect(during.updatedCount).toBe(0);
      release();
      await ingesting;
      const after = await run({ at: at + 60_000 });
      expect(after.updatedCount).toBe(1);
      // The mapping now writes User ID and Last Login (the test before dropped the count).
      expect(new Date(leadsByEmail(world).get(someone.email)![0].WalkMe_Last_Login__c as string).getTime()).toBe(at - 60_000);
    });
  }
});
