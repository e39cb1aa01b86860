import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '@/db/queries/audit';
import type { DatabaseHandle } from '@/db/client';
import { createTestWorkspace } from '@/lib/auth/testing';
import { createTestDatabase } from '@/db/testing';
import type { Ctx } from '@/lib/auth/session';
import { customReportSchema } from '@/lib/insights/custom-report-schema';
import { previewReport } from '@/lib/insights/report-rows';
import { addTag, createReport, deleteReport, getCustomReport, importEvents, listWorkspaceReports, removeTag, SHOWN_REJECTED_LINES, updateReport } from './reports';

const definition = customReportSchema.parse({
  name: 'Weekly logins', tags: ['integrations_salesforce'], keyColumn: 'User ID',
  columns: [
    { kind: 'field', label: 'User ID', field: 'userId' },
    { kind: 'count', label: 'Logins 7d', eventType: 'login', lastDays: 7 },
  ],
});

describe('reports data access', () => {
  let handle: DatabaseHandle;
  let member: Ctx;
  let outsider: Ctx;
  beforeAll(async () => {
    handle = await createTestDatabase('pglite');
    const acme = await createTestWorkspace(handle.db, 'Acme');
    // Reports are members' work: nothing here may require the admin role.
    member = { ...acme, user: { ...acme.user, role: 'member' } };
    outsider = await createTestWorkspace(handle.db, 'Other');
  });
  afterAll(async () => { await handle.close(); });

  it('lets a member create, edit, tag and delete a custom report, with audit entries', async () => {
    const created = await createReport(member, definition);
    expect((await listWorkspaceReports(member)).map((r) => r.name)).toContain('Weekly logins');
    await updateReport(member, created.id, { ...definition, name: 'Logins this week' });
    expect((await getCustomReport(member, created.id)).definition.name).toBe('Logins this week');
    expect(await removeTag(member, created.id, 'integrations_salesforce')).toEqual([]);
    expect(await addTag(member, 'logins-review', 'weekly')).toContain('weekly');
    await deleteReport(member, created.id);
    await expect(getCustomReport(member, created.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const actions = (await listAudit(handle.db, member.user.workspaceId)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['report.create', 'report.edit', 'report.untag', 'report.tag', 'report.delete']));
  });

  it('keeps other workspaces out and refuses to delete built-ins', async () => {
    const created = await createReport(member, { ...definition, name: 'Private' });
    await expect(getCustomReport(outsider, created.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(updateReport(outsider, created.id, definition)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(deleteReport(outsider, created.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(updateReport(member, 'logins-review', definition)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(deleteReport(member, 'logins-review')).rejects.toThrow('Built-in reports cannot be deleted.');
    await expect(createReport(member, { ...definition, name: 'private' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('imports a CSV stream into the caller\'s workspace and lists at most the first rejected lines', async () => {
    const now = Date.now();
    const good = [0, 1].map((i) => `csv-user,csv@acme.test,login,${new Date(now - (i + 1) * 3600_000).toISOString()},e-${i}`);
    const bad = Array.from({ length: SHOWN_REJECTED_LINES + 5 }, () => 'csv-user,,login,yesterday,');
    const csv = ['userId,email,type,timestamp,id', ...good, ...bad, good[0]].join('\n');
    const summary = await importEvents(member, Readable.from([csv]), 'logins.csv');
    expect(summary).toMatchObject({ accepted: 2, duplicates: 1, rejectedTotal: SHOWN_REJECTED_LINES + 5 });
    expect(summary.rejected).toHaveLength(SHOWN_REJECTED_LINES);
    expect(summary.rejected[0]).toMatchObject({ line: 4, message: expect.stringContaining('timestamp') });

    const row = async (ctx: Ctx) => (await previewReport(handle.db, ctx.user.workspaceId, 'logins-review', { pageSize: 10 })).rows
      .find((r) => r['User ID'] === 'csv-user');
    expect((await row(member))?.['# Logins Last 30 Days']).toBe(2);
    expect(await row(outsider)).toBeUndefined();
  });
});
