import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDatabaseKinds } from '@/db/testing';
import { integrationRuns, integrationSyncState } from '@/db/schema';
import { DEMO_RULES } from '@/emulators/salesforce/seed/demo';
import { demoPeople } from '@/lib/demo/people';
import { createTestWorkspace } from '@/lib/auth/testing';
import { executeRun } from './execute-run';
import { previewRun } from './preview';
import { countWrites, createTestIntegration, ingestLogins, leadsByEmail, LOGINS_TO_LEAD, queueTestRun, startSyncWorld, type SyncWorld } from './run-testing';

const PEOPLE = 40;
const people = demoPeople(PEOPLE);
const converted = people.filter((p) => DEMO_RULES.isConverted(p.index));

describe.each(testDatabaseKinds)('previewRun on %s', (kind) => {
  let world: SyncWorld;
  beforeAll(async () => {
    world = await startSyncWorld(kind, PEOPLE);
    await ingestLogins(world, PEOPLE);
  }, 60_000);
  afterAll(async () => { await world.close(); });

  const draft = () => ({ accountId: world.accountId, ...LOGINS_TO_LEAD });

  it('shows current and new values per record and field, and writes nothing anywhere', async () => {
    const writes = countWrites(world);
    const before = JSON.stringify(world.emulator.control.records('sandbox', 'Lead'));
    const preview = await previewRun(world.deps, { workspaceId: world.admin.workspaceId, integration: draft() });
    if (!preview.ok) throw new Error(preview.message);
    expect(preview).toMatchObject({ read: PEOPLE, unchanged: 0, rejected: 0, toSend: PEOPLE, lookedUp: PEOPLE, matched: PEOPLE - converted.length, noMatch: converted.length });
    const p = people[3];
    const lead = leadsByEmail(world).get(p.email)![0];
    expect(preview.changes).toContainEqual({ key: p.email, recordId: lead.Id, field: 'WalkMe_User_Id__c', current: null, next: p.userId });
    expect(preview.changes).toContainEqual({ key: p.email, recordId: lead.Id, field: 'WalkMe_Logins_Last_30_Days__c', current: null, next: (p.index % 5) + 1 });
    expect(preview.changes.length).toBeLessThanOrEqual(50);
    expect(writes()).toBe(0);
    expect(JSON.stringify(world.emulator.control.records('sandbox', 'Lead'))).toBe(before);
    expect(await world.handle.db.select().from(integrationRuns)).toHaveLength(0);
    expect(await world.handle.db.select().from(integrationSyncState)).toHaveLength(0);
  });

  it('after a run, counts the rows unchanged since the last push and shows no changes for them', async () => {
    const integrationId = await createTestIntegration(world, LOGINS_TO_LEAD);
    const runId = await queueTestRun(world, integrationId);
    expect((await executeRun(world.deps, { workspaceId: world.admin.workspaceId, runId })).status).toBe('completed');
    const preview = await previewRun(world.deps, { workspaceId: world.admin.workspaceId, integration: { ...draft(), integrationId } });
    if (!preview.ok) throw new Error(preview.message);
    expect(preview).toMatchObject({ unchanged: PEOPLE - converted.length, toSend: converted.length, matched: 0, changes: [] });
    // Even when everything is sent again, records already holding the values show no changes.
    const full = await previewRun(world.deps, { workspaceId: world.admin.workspaceId, integration: { ...draft(), integrationId, fullResync: true } });
    if (!full.ok) throw new Error(full.message);
    expect(full).toMatchObject({ toSend: PEOPLE, matched: PEOPLE - converted.length, recordsChanging: 0, changes: [] });
    expect((await world.handle.db.select().from(integrationSyncState).where(eq(integrationSyncState.integrationId, integrationId))).every((s) => s.lastRunId === runId)).toBe(true);
  });

  it('refuses to compare against another workspace\'s integration', async () => {
    const other = await createTestWorkspace(world.handle.db, 'Other');
    const integrationId = await createTestIntegration(world, { ...LOGINS_TO_LEAD, name: 'Not yours' });
    await expect(previewRun(world.deps, { workspaceId: other.user.workspaceId, integration: { ...draft(), integrationId } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers with the mapping problems instead of a preview when the mapping does not fit', async () => {
    const preview = await previewRun(world.deps, {
      workspaceId: world.admin.workspaceId,
      integration: { ...draft(), mappings: [{ column: 'Last Login', field: 'WalkMe_Onboarding_Complete__c' }, { column: 'User ID', field: 'Nope__c' }] },
    });
    expect(preview.ok).toBe(false);
    if (preview.ok) return;
    expect(preview.problems.map((p) => [p.code, p.field])).toEqual([['TYPE_MISMATCH', 'WalkMe_Onboarding_Complete__c'], ['FIELD_NOT_FOUND', 'Nope__c']]);
  });
});
