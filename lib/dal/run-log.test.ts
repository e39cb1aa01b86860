import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'csv-parse/sync';
import { createTestWorkspace } from '@/lib/auth/testing';
import type { Ctx } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { demoPeople } from '@/lib/demo/people';
import { createCustomReport } from '@/lib/insights/custom-reports';
import { ingestForTest } from '@/lib/insights/testing';
import { executeRun } from '@/lib/sync/execute-run';
import { createTestIntegration, queueTestRun, startSyncWorld, type SyncWorld } from '@/lib/sync/run-testing';
import { getRunLog, listRunLog, listRunRejectedRows } from './run-log';

// The download route reads the session through requireContext; here it answers for a chosen member.
const session = vi.hoisted(() => ({ ctx: null as unknown }));
vi.mock('@/lib/auth/session', () => ({
  requireContext: async () => {
    if (!session.ctx) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again to continue.');
    return session.ctx;
  },
}));
const { GET } = await import('@/app/(app)/integrations/[id]/runs/[runId]/rejected.csv/route');

describe('the run log', () => {
  let world: SyncWorld;
  let member: Ctx;
  let outsider: Ctx;
  let integrationId: string;
  let runId: string;
  const people = demoPeople(20);

  beforeAll(async () => {
    world = await startSyncWorld('pglite', 20);
    member = { db: world.handle.db, user: { ...world.admin, role: 'member' } };
    outsider = await createTestWorkspace(world.handle.db, 'Elsewhere');
    const report = await createCustomReport(world.handle.db, world.admin.workspaceId, {
      name: 'Categories', keyColumn: 'User ID', columns: [
        { kind: 'field', label: 'User ID', field: 'userId' },
        { kind: 'latestValue', label: 'Category', eventType: 'profile', property: 'category' },
      ],
    });
    const at = new Date(Date.now() - 3_600_000).toISOString();
    await ingestForTest(world.handle.db, world.admin.workspaceId, [
      ...people.map((p, i) => ({ userId: p.userId, email: p.email, type: 'profile', timestamp: at, properties: { category: i === 2 ? 'Fan' : 'Promoter' } })),
      { userId: '=1+1', type: 'profile', timestamp: at, properties: { category: 'Fan' } },
    ]);
    integrationId = await createTestIntegration(world, { reportId: report.id, objectName: 'Lead', keys: [{ column: 'User ID', field: 'WalkMe_User_Id__c' }], mappings: [{ column: 'Category', field: 'WalkMe_NPS_Category__c' }] });
    runId = await queueTestRun(world, integrationId);
    await executeRun(world.deps, { workspaceId: world.admin.workspaceId, runId });
  }, 60_000);
  afterAll(async () => { await world.close(); });
  beforeEach(() => { session.ctx = member; });

  it('lists runs for the Log overlay and shows one run with times, counts, API calls and steps', async () => {
    const overlay = await listRunLog(member, integrationId);
    expect(overlay).toMatchObject({ reportName: 'Categories', objectName: 'Lead' });
    expect(overlay.runs).toEqual([expect.objectContaining({ id: runId, status: 'completed', statusLabel: 'Completed', rejected: 2 })]);
    expect(overlay.runs[0].startedAt).toMatch(/Z$/);
    const log = await getRunLog(member, integrationId, runId);
    expect(log).toMatchObject({ statusLabel: 'Completed', counts: { read: 21, rejected: 2 }, notSent: 0, rowsProcessed: 21, rowsToProcess: 21 });
    expect(log.apiCalls).toBeGreaterThan(0);
    expect(log.runtimeMs).toBeGreaterThanOrEqual(0);
    expect(log.steps.map((s) => s.name)).toContain('Write');
    expect(log.message).toMatch(/^Completed with 2 rejected rows/);
  });

  it('pages rejected rows with their reasons and fixes, and no-match keys separately', async () => {
    const page = await listRunRejectedRows(member, integrationId, runId, { pageSize: 1 });
    expect(page).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(page.rows[0]).toMatchObject({ key: '=1+1', errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', field: 'WalkMe_NPS_Category__c', fix: 'Add "Fan" to the picklist in Salesforce Setup, or map a different column.' });
    const second = await listRunRejectedRows(member, integrationId, runId, { pageSize: 1, page: 2 });
    expect(second.rows[0].key).toBe(people[2].userId.toLowerCase());
    const missing = await listRunRejectedRows(member, integrationId, runId, { outcome: 'no_match' });
    // No Lead carries these User IDs yet: every row that was sent found no record.
    expect(missing.total).toBe(19);
    expect(missing.rows.map((r) => r.key)).not.toContain('=1+1');
  });

  it('downloads the rejected rows as CSV, formula-safe, for the workspace only', async () => {
    const response = await GET(new Request('http://localhost/x'), { params: Promise.resolve({ id: integrationId, runId }) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="rejected-rows-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.csv"$/);
    const rows = parse(await response.text(), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ Key: "'=1+1", Field: 'WalkMe_NPS_Category__c', 'Error code': 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' });
    expect(rows[1]).toMatchObject({ Key: people[2].userId.toLowerCase(), Fix: 'Add "Fan" to the picklist in Salesforce Setup, or map a different column.' });

    session.ctx = outsider;
    expect((await GET(new Request('http://localhost/x'), { params: Promise.resolve({ id: integrationId, runId }) })).status).toBe(404);
    await expect(getRunLog(outsider, integrationId, runId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    session.ctx = null;
    expect((await GET(new Request('http://localhost/x'), { params: Promise.resolve({ id: integrationId, runId }) })).status).toBe(401);
    session.ctx = member;
    expect((await GET(new Request('http://localhost/x'), { params: Promise.resolve({ id: integrationId, runId: 'not-a-run' }) })).status).toBe(404);
  });
});
