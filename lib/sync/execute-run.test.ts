import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testDatabaseKinds } from '@/db/testing';
import { integrationRunRows, integrations, integrationSyncState } from '@/db/schema';
import { demoPeople } from '@/lib/demo/people';
import { ingestForTest } from '@/lib/insights/testing';
import { DEMO_RULES, demoOrgSeed } from '@/emulators/salesforce/seed/demo';
import { executeRun } from './execute-run';
import {
  countWrites, createTestIntegration, ingestLogins, leadsByEmail, loadRun, LOGINS_TO_LEAD, queueTestRun, startSyncWorld, type SyncWorld,
} from './run-testing';

const PEOPLE = 200;
const people = demoPeople(PEOPLE);
const converted = people.filter((p) => DEMO_RULES.isConverted(p.index));
const duplicated = people.filter((p) => DEMO_RULES.hasDuplicateLead(p.index) && !DEMO_RULES.isConverted(p.index));

describe.each(testDatabaseKinds)('executeRun on %s', (kind) => {
  let world: SyncWorld;
  let integrationId: string;
  let writes: () => number;

  beforeAll(async () => {
    world = await startSyncWorld(kind, PEOPLE);
    await ingestLogins(world, PEOPLE);
    integrationId = await createTestIntegration(world, LOGINS_TO_LEAD);
    writes = countWrites(world);
  }, 60_000);
  afterAll(async () => { await world.close(); });

  const run = async (options: { fullResync?: boolean } = {}) => {
    const runId = await queueTestRun(world, integrationId, options);
    const result = await executeRun(world.deps, { workspaceId: world.admin.workspaceId, runId });
    return { result, run: await loadRun(world, runId) };
  };

  it('updates every matching Lead, leaves converted Leads out, updates all duplicates, and logs it', async () => {
    const before = writes();
    const { result, run: r } = await run();
    expect(result.status).toBe('completed');
    const matched = PEOPLE - converted.length;
    expect(r).toMatchObject({
      status: 'completed', errorCode: null, attempt: 1, readCount: PEOPLE, unchangedCount: 0, matchedCount: matched,
      noMatchCount: converted.length, multipleMatchesCount: duplicated.length, updatedCount: matched + duplicated.length, rejectedCount: 0,
      rowsToProcess: PEOPLE, rowsProcessed: PEOPLE,
    });
    expect(duplicated.length).toBeGreaterThan(0);
    expect(converted.length).toBeGreaterThan(0);
    expect(r.message).toMatch(/^Completed: 200 rows read, 169 records updated/);
    expect(r.startedAt).not.toBeNull();
    expect(r.finishedAt!.getTime()).toBeGreaterThanOrEqual(r.startedAt!.getTime());
    expect(r.asOf).not.toBeNull();
    expect(r.config).toMatchObject({ reportId: 'logins-review', objectName: 'Lead', version: 1 });
    expect(r.apiCalls).toBeGreaterThan(0);
    expect(r.steps.map((s) => s.name)).toEqual(['Check mapping', 'Read report', 'Resolve keys', 'Write', 'Finish']);
    expect(r.steps.every((s) => typeof s.at === 'string')).toBe(true);
    expect(r.steps.at(-1)!.message).toMatch(/ \d+ API calls\. The org has used [\d,]+ of its 100,000 API calls in the last 24 hours\.$/);
    // 169 records in Collections calls of 200: one call.
    expect(writes() - before).toBe(1);

    const leads = leadsByEmail(world);
    for (const p of people) {
      const records = leads.get(p.email)!;
      for (const lead of records) {
        if (lead.IsConverted) {
          expect(lead.WalkMe_User_Id__c ?? null).toBeNull();
        } else {
          expect(lead.WalkMe_User_Id__c).toBe(p.userId);
          expect(lead.WalkMe_Logins_Last_30_Days__c).toBe((p.index % 5) + 1);
          expect(typeof lead.WalkMe_Last_Login__c).toBe('string');
        }
      }
    }
    // Rows Salesforce accepted are recorded in the sync state (with every record id); only the others get run rows.
    const rows = await world.handle.db.select().from(integrationRunRows).where(eq(integrationRunRows.runId, r.id));
    expect(rows.map((row) => [row.key, row.outcome]).sort()).toEqual(converted.map((p) => [p.email, 'no_match']).sort());
    const states = await world.handle.db.select().from(integrationSyncState).where(eq(integrationSyncState.integrationId, integrationId));
    expect(states).toHaveLength(matched);
    expect(states.every((s) => s.lastRunId === r.id && s.pushCount === 1)).toBe(true);
    expect(states.find((s) => s.key === duplicated[0].email)!.recordIds).toHaveLength(2);
    expect(r.steps.map((s) => s.message)).toEqual([
      '1 key and 3 mapped fields checked against Lead\'s current fields.',
      expect.stringMatching(/^Read 200 report rows as of \d{4}-\d\d-\d\d \d\d:\d\d UTC: 0 unchanged since the last run, 0 rejected, 200 to send\.$/),
      `Looked up 200 e-mails in Salesforce: ${matched + duplicated.length} matching Lead records found (converted Leads left out).`,
      `Updated ${matched + duplicated.length} Lead records: ${matched} e-mails matched (${duplicated.length} of them matching more than one record, all updated), ${converted.length} with no matching record.`,
      expect.stringMatching(/^Completed: 200 rows read, 169 records updated/),
    ]);
  });

  it('sends nothing on a second run when nothing changed', async () => {
    const before = writes();
    const [first] = await world.handle.db.select({ id: integrationRunRows.runId }).from(integrationRunRows).limit(1);
    const { run: r } = await run();
    expect(r).toMatchObject({ status: 'completed', readCount: PEOPLE, unchangedCount: PEOPLE - converted.length, updatedCount: 0, noMatchCount: converted.length });
    expect(writes() - before).toBe(0);
    // The earlier run keeps its no-match rows for its log; its updated rows are left to the sync state.
    const kept = await world.handle.db.select({ outcome: integrationRunRows.outcome }).from(integrationRunRows).where(eq(integrationRunRows.runId, first.id));
    expect(kept.map((k) => k.outcome)).toEqual(converted.map(() => 'no_match'));
  });

  it('sends only the rows whose values changed, and everything again on a full resync', async () => {
    // Two people (1%) log in once more: their login count and last login change.
    const changed = [people[3], people[151]];
    await ingestForTest(world.handle.db, world.admin.workspaceId, changed.map((p) => ({ userId: p.userId, email: p.email, type: 'login', timestamp: new Date(Date.now() - 60_000).toISOString() })));
    const before = writes();
    const { run: r } = await run();
    expect(r).toMatchObject({ status: 'completed', updatedCount: 2, matchedCount: 2, unchangedCount: PEOPLE - converted.length - 2 });
    expect(writes() - before).toBe(1);
    const leads = leadsByEmail(world);
    for (const p of changed) expect(leads.get(p.email)![0].WalkMe_Logins_Last_30_Days__c).toBe((p.index % 5) + 2);
    const states = await world.handle.db.select().from(integrationSyncState)
      .where(and(eq(integrationSyncState.integrationId, integrationId), eq(integrationSyncState.key, changed[0].email)));
    expect(states[0]).toMatchObject({ lastRunId: r.id, pushCount: 2 });

    const full = await run({ fullResync: true });
    expect(full.run).toMatchObject({ status: 'completed', unchangedCount: 0, updatedCount: PEOPLE - converted.length + duplicated.length });
  });

  it('sends every row again after a mapping change, without being asked', async () => {
    await world.handle.db.update(integrations).set({ mappings: LOGINS_TO_LEAD.mappings.slice(0, 2), version: 2 }).where(eq(integrations.id, integrationId));
    const { run: r } = await run();
    expect(r).toMatchObject({ status: 'completed', unchangedCount: 0, updatedCount: PEOPLE - converted.length + duplicated.length });
    expect(r.config).toMatchObject({ version: 2 });
    const again = await run();
    expect(again.run).toMatchObject({ unchangedCount: PEOPLE - converted.length, updatedCount: 0 });
  });

  it('matches composite keys only on records where every key pair matches', async () => {
    // After the runs above, each open Lead carries its person's User ID: match on e-mail and User ID together.
    const someone = people[7];
    const lead = leadsByEmail(world).get(someone.email)![0];
    world.emulator.control.seed('sandbox', (() => {
      const seed = demoOrgSeed('sandbox', PEOPLE);
      const leads = seed.objects.find((o) => o.name === 'Lead')!;
      const current = new Map(world.emulator.control.records('sandbox', 'Lead').map((l) => [l.Id, l]));
      leads.records = leads.records.map((record) => {
        const now = current.get(record.Id as string)!;
        // One Lead keeps its e-mail but carries another User ID: it must not match.
        return { ...record, WalkMe_User_Id__c: record.Id === lead.Id ? 'someone-else' : (now.WalkMe_User_Id__c ?? null) };
      });
      return seed;
    })());
    const composite = await createTestIntegration(world, {
      reportId: 'logins-review', objectName: 'Lead',
      keys: [{ column: 'Email', field: 'Email' }, { column: 'User ID', field: 'WalkMe_User_Id__c' }],
      mappings: [{ column: '# Logins Last 30 Days', field: 'WalkMe_NPS_Score__c' }],
      name: 'Composite',
    });
    const runId = await queueTestRun(world, composite);
    await executeRun(world.deps, { workspaceId: world.admin.workspaceId, runId });
    const r = await loadRun(world, runId);
    expect(r).toMatchObject({ status: 'completed', noMatchCount: converted.length + 1, matchedCount: PEOPLE - converted.length - 1 });
    const leads = leadsByEmail(world);
    expect(leads.get(someone.email)![0].WalkMe_NPS_Score__c ?? null).toBeNull();
    expect(leads.get(people[8].email)![0].WalkMe_NPS_Score__c).toBe((8 % 5) + 1);
  });

  it('is a no-op for a run that already finished', async () => {
    const { run: r } = await run();
    const again = await executeRun(world.deps, { workspaceId: world.admin.workspaceId, runId: r.id });
    expect(again.status).toBe('skipped');
    expect((await loadRun(world, r.id)).attempt).toBe(1);
  });
});
