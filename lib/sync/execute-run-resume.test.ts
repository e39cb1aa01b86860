import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDatabaseKinds } from '@/db/testing';
import { integrationRunRows, integrationSyncState } from '@/db/schema';
import { DEMO_RULES } from '@/emulators/salesforce/seed/demo';
import { demoPeople } from '@/lib/demo/people';
import type { RecordUpdate, SalesforceClient } from '@/lib/salesforce/client';
import { executeRun, type SyncDeps } from './execute-run';
import {
  crashingClient, wrapClient, createTestIntegration, ingestLogins, leadsByEmail, loadRun, LOGINS_TO_LEAD, queueTestRun, SimulatedCrash, startSyncWorld, type SyncWorld,
} from './run-testing';

// Enough changed rows (above 2,000) for the Bulk API path: one Bulk query for the keys, Bulk update jobs.
const PEOPLE = 2_500;
const people = demoPeople(PEOPLE);
// A converted person's duplicate Lead is not converted: their key still matches that one.
const openLeadsOf = (p: (typeof people)[number]) => 1 + (DEMO_RULES.hasDuplicateLead(p.index) ? 1 : 0) - (DEMO_RULES.isConverted(p.index) ? 1 : 0);
const writable = people.filter((p) => openLeadsOf(p) > 0);
const records = writable.reduce((sum, p) => sum + openLeadsOf(p), 0);

describe.each(testDatabaseKinds)('a run interrupted and resumed, on %s', (kind) => {
  let world: SyncWorld;

  beforeAll(async () => {
    world = await startSyncWorld(kind, PEOPLE);
    await ingestLogins(world, PEOPLE);
  }, 120_000);
  afterAll(async () => { await world.close(); });

  /** Deps whose client crashes as told, and which records every record id each bulkUpdate sends. */
  function depsWith(wrap: (client: SalesforceClient) => SalesforceClient, sent: string[][]): SyncDeps {
    return {
      ...world.deps,
      tuning: { ...world.deps.tuning, bulkJobRecords: 1_000 },
      salesforceFor: async (ws, acc) => {
        const inner = wrap(await world.deps.salesforceFor(ws, acc));
        return wrapClient(inner, { bulkUpdate: async (name: string, records: RecordUpdate[]) => { sent.push(records.map((r) => r.Id)); return inner.bulkUpdate(name, records); } });
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
    await expect(executeRun(depsWith((c) => crashingClient(c, 'bulkUpdate', 2), first), params)).rejects.toBeInstanceOf(SimulatedCrash);
    const halfway = await loadRun(world, runId);
    expect(halfway).toMatchObject({ status: 'running', attempt: 1, checkpoint: { phase: 'write', mode: 'bulk' } });
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
    expect(done.steps.map((s) => s.name)).toEqual(['Check mapping', 'Read report', 'Resolve keys', 'Resume', 'Check mapping', 'Write', 'Finish']);
    expect(done.steps[2].message).toContain('one Bulk API 2.0 query');
    // Nothing from the recorded first job went again; the unrecorded second job went again, with the same values.
    const resent = new Set(second.flat());
    expect(first[0].some((id) => resent.has(id))).toBe(false);
    expect(first[1].every((id) => resent.has(id))).toBe(true);
    expect(second.flat().length + first[0].length).toBe(records);
    expectValuesCorrect();
    const states = await world.handle.db.select().from(integrationSyncState).where(eq(integrationSyncState.integrationId, integrationId));
    expect(states).toHaveLength(writable.length);
    expect(states.every((s) => s.pushCount === 1 && s.lastRunId === runId)).toBe(true);
    const rows = await world.handle.db.select({ outcome: integrationRunRows.outcome }).from(integrationRunRows).where(eq(integrationRunRows.runId, runId));
    expect(rows).toHaveLength(PEOPLE);
    expect(rows.some((r) => r.outcome === 'pending')).toBe(false);
  }, 120_000);

  it('resumes a run killed during key resolution without reading the report again', async () => {
    const integrationId = await createTestIntegration(world, { ...LOGINS_TO_LEAD, name: 'Second' });
    const runId = await queueTestRun(world, integrationId);
    const params = { workspaceId: world.admin.workspaceId, runId };
    await expect(executeRun(depsWith((c) => crashingClient(c, 'bulkQuery', 1), []), params)).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await loadRun(world, runId)).toMatchObject({ status: 'running', readCount: PEOPLE, checkpoint: { phase: 'resolve', mode: 'bulk' } });
    expect((await executeRun(depsWith((c) => c, []), params)).status).toBe('completed');
    const done = await loadRun(world, runId);
    expect(done).toMatchObject({ status: 'completed', readCount: PEOPLE, noMatchCount: PEOPLE - writable.length });
    expect(done.steps.filter((s) => s.name === 'Read report')).toHaveLength(1);
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
});
