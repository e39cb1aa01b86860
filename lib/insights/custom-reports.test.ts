import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { selectRows } from '@/db/client';
import { addReportTag, getReportDefinition, listReports, removeReportTag } from './catalog';
import { createCustomReport, deleteCustomReport, parseCustomReport, updateCustomReport } from './custom-reports';
import { previewReport } from './report-rows';
import { createInsightsWorkspace, ingestForTest } from './testing';

const asOf = new Date('2026-06-30T12:00:00Z');
const d = (iso: string) => new Date(iso);

const usage = {
  name: 'Feature usage',
  description: 'How each end user uses exports',
  tags: ['integrations_salesforce', 'Usage'],
  keyColumn: 'Email',
  columns: [
    { kind: 'field', label: 'User ID', field: 'userId' },
    { kind: 'field', label: 'Email', field: 'email' },
    { kind: 'field', label: 'First Seen', field: 'firstSeen' },
    { kind: 'field', label: 'Last Seen', field: 'lastSeen' },
    { kind: 'count', label: 'Exports', eventType: 'report_exported' },
    { kind: 'count', label: 'Exports 7d', eventType: 'report_exported', lastDays: 7 },
    { kind: 'firstTime', label: 'First Export', eventType: 'report_exported' },
    { kind: 'lastTime', label: 'Last Export', eventType: 'report_exported' },
    { kind: 'latestValue', label: 'Last Format', eventType: 'report_exported', property: 'format' },
    { kind: 'sum', label: 'Rows Total', eventType: 'report_exported', property: 'rows' },
    { kind: 'avg', label: 'Rows Avg', eventType: 'report_exported', property: 'rows' },
    { kind: 'min', label: 'Rows Min', eventType: 'report_exported', property: 'rows' },
    { kind: 'max', label: 'Rows Max', eventType: 'report_exported', property: 'rows' },
  ],
};

describe('custom report schema', () => {
  it('derives column types and normalises tags', () => {
    const parsed = parseCustomReport(usage);
    expect(parsed.tags).toEqual(['integrations_salesforce', 'usage']);
    expect(parsed.description).toBe('How each end user uses exports');
  });

  it('refuses duplicate labels, a key that is not User ID or Email, unknown kinds and bad identifiers', () => {
    const dupes = { ...usage, columns: [...usage.columns, { kind: 'count', label: 'exports', eventType: 'login' }] };
    expect(() => parseCustomReport(dupes)).toThrow(/The label "exports" is used twice/);
    expect(() => parseCustomReport({ ...usage, keyColumn: 'Exports' })).toThrow(/User ID or Email/);
    expect(() => parseCustomReport({ ...usage, keyColumn: 'Nope' })).toThrow(/one of the report's columns/);
    expect(() => parseCustomReport({ ...usage, columns: [{ kind: 'raw_sql', label: 'X', sql: 'select 1' }] })).toThrow();
    expect(() => parseCustomReport({ ...usage, columns: [...usage.columns, { kind: 'count', label: 'Evil', eventType: "login'; drop table insights_events; --" }] }))
      .toThrow(/Enter an event type of letters/);
    expect(() => parseCustomReport({ ...usage, tags: ['Not A Tag!'] })).toThrow('Use only lowercase letters, digits, _ and - in a tag, at most 50 characters.');
  });
});

describe.each(testDatabaseKinds)('custom reports on %s', (kind) => {
  let handle: DatabaseHandle;
  let ws: string;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    ws = await createInsightsWorkspace(handle.db);
    const exported = (userId: string, timestamp: string, properties: Record<string, unknown>) => ({ userId, type: 'report_exported', timestamp, properties });
    await ingestForTest(handle.db, ws, [
      { userId: 'a', email: 'a@example.com', type: 'login', timestamp: '2026-05-01T00:00:00Z' },
      exported('a', '2026-06-01T00:00:00Z', { format: 'csv', rows: 10 }),
      exported('a', '2026-06-25T00:00:00Z', { format: 'xlsx', rows: 30 }),
      exported('a', '2026-06-23T12:00:00Z', { format: 'pdf', rows: 2.5 }),
      exported('a', '2026-06-24T00:00:00Z', { rows: 'many' }),
      exported('a', '2026-07-10T00:00:00Z', { format: 'json', rows: 1000 }),
      { userId: 'b', type: 'login', timestamp: '2026-06-02T00:00:00Z' },
      { userId: 'b', type: 'login', timestamp: '2026-07-02T00:00:00Z' },
      { userId: 'late', type: 'report_exported', timestamp: '2026-07-02T00:00:00Z', properties: { rows: 1 } },
    ]);
  });
  afterAll(async () => { await handle.close(); });

  it('computes every column kind as of a time, with typed values', async () => {
    const report = await createCustomReport(handle.db, ws, usage);
    expect(report.columns.map((c) => c.type)).toEqual(['string', 'email', 'datetime', 'datetime', 'integer', 'integer', 'datetime', 'datetime', 'string', 'number', 'number', 'number', 'number']);
    expect(report.columns.find((c) => c.name === 'Rows Avg')?.decimals).toBe(2);
    const { rows } = await previewReport(handle.db, ws, report.id, { asOf });
    expect(rows).toEqual([
      {
        'User ID': 'a', Email: 'a@example.com', 'First Seen': d('2026-05-01T00:00:00Z'), 'Last Seen': d('2026-06-25T00:00:00Z'),
        // 7 days: (06-23T12:00, 06-30T12:00], so the export at exactly 06-23T12:00 is out.
        Exports: 4, 'Exports 7d': 2, 'First Export': d('2026-06-01T00:00:00Z'), 'Last Export': d('2026-06-25T00:00:00Z'),
        // The latest export that has a format; the text 'many' is not a number and is left out of the sums.
        // The average (42.5 / 3 = 14.1666…) is rounded to its column's two decimals.
        'Last Format': 'xlsx', 'Rows Total': 42.5, 'Rows Avg': 14.17, 'Rows Min': 2.5, 'Rows Max': 30,
      },
      {
        'User ID': 'b', Email: null, 'First Seen': d('2026-06-02T00:00:00Z'), 'Last Seen': d('2026-06-02T00:00:00Z'),
        Exports: 0, 'Exports 7d': 0, 'First Export': null, 'Last Export': null, 'Last Format': null,
        'Rows Total': null, 'Rows Avg': null, 'Rows Min': null, 'Rows Max': null,
      },
    ]);
    const later = await previewReport(handle.db, ws, report.id, { asOf: d('2026-08-01T00:00:00Z'), sort: { column: 'Rows Max', direction: 'desc' } });
    expect(later.rows.map((r) => [r['User ID'], r['Rows Max'], r['Last Seen']])).toEqual([
      ['a', 1000, d('2026-07-10T00:00:00Z')], ['late', 1, d('2026-07-02T00:00:00Z')], ['b', null, d('2026-07-02T00:00:00Z')],
    ]);
  });

  it('treats hostile property names and event types as plain values', async () => {
    const hostile = "x'); drop table insights_events; --";
    await ingestForTest(handle.db, ws, [{ userId: 'a', type: 'report_exported', timestamp: '2026-06-26T00:00:00Z', properties: { [hostile]: 7 } }]);
    const report = await createCustomReport(handle.db, ws, {
      name: 'Hostile', keyColumn: 'User ID',
      columns: [
        { kind: 'field', label: 'User ID', field: 'userId' },
        { kind: 'latestValue', label: "'; select pg_sleep(10); --", eventType: 'report_exported', property: hostile },
        { kind: 'sum', label: 'S', eventType: 'report_exported', property: "rows' || (select 1) || '" },
        { kind: 'max', label: 'M', eventType: 'report_exported', property: hostile },
      ],
    });
    const { rows } = await previewReport(handle.db, ws, report.id, { asOf, sort: { column: "'; select pg_sleep(10); --" } });
    expect(rows.find((r) => r['User ID'] === 'a')).toEqual({ 'User ID': 'a', "'; select pg_sleep(10); --": '7', S: null, M: 7 });
    const [{ n }] = await selectRows<{ n: number }>(handle.db, sql`select count(*)::int as n from insights_events`);
    expect(n).toBe(10);
    await expect(previewReport(handle.db, ws, report.id, { asOf, sort: { column: 'c0; drop table x' } })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('lists, updates, tags and deletes custom reports within the workspace only', async () => {
    const other = await createInsightsWorkspace(handle.db);
    const report = await createCustomReport(handle.db, ws, { ...usage, name: 'Tagged', tags: [] });
    await expect(createCustomReport(handle.db, ws, { ...usage, name: 'TAGGED' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await listReports(handle.db, ws, { tag: 'integrations_salesforce' })).map((r) => r.name)).not.toContain('Tagged');
    expect(await addReportTag(handle.db, ws, report.id, 'integrations_salesforce')).toEqual(['integrations_salesforce']);
    expect((await listReports(handle.db, ws, { tag: 'integrations_salesforce' })).map((r) => r.name)).toContain('Tagged');
    // Another workspace can neither see nor change it.
    expect((await listReports(handle.db, other)).map((r) => r.name)).toEqual(['Logins Review', 'NPS', 'Onboarding Completion Rate']);
    await expect(getReportDefinition(handle.db, other, report.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(addReportTag(handle.db, other, report.id, 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(updateCustomReport(handle.db, other, report.id, usage)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(deleteCustomReport(handle.db, other, report.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const renamed = await updateCustomReport(handle.db, ws, report.id, { ...usage, name: 'Renamed', columns: usage.columns.slice(0, 2) });
    expect(renamed.columns).toEqual([{ name: 'User ID', type: 'string' }, { name: 'Email', type: 'email' }]);
    await expect(updateCustomReport(handle.db, ws, report.id, usage)).rejects.toMatchObject({ code: 'CONFLICT' });
    await deleteCustomReport(handle.db, ws, report.id);
    await expect(getReportDefinition(handle.db, ws, report.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getReportDefinition(handle.db, ws, 'not-a-uuid')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('gives built-ins the Salesforce tag by default and remembers removing and adding it', async () => {
    const fresh = await createInsightsWorkspace(handle.db, { teachMeEnabled: true });
    const tagged = async () => (await listReports(handle.db, fresh, { tag: 'integrations_salesforce' })).map((r) => r.id);
    expect(await tagged()).toEqual(['logins-review', 'nps', 'onboarding-completion-rate', 'teachme']);
    expect((await getReportDefinition(handle.db, fresh, 'nps')).keyColumn).toBe('User ID');
    expect(await removeReportTag(handle.db, fresh, 'nps', 'integrations_salesforce')).toEqual([]);
    expect(await tagged()).toEqual(['logins-review', 'onboarding-completion-rate', 'teachme']);
    expect(await addReportTag(handle.db, fresh, 'nps', 'cs-team')).toEqual(['cs-team']);
    expect(await addReportTag(handle.db, fresh, 'nps', 'integrations_salesforce')).toEqual(['cs-team', 'integrations_salesforce']);
    expect(await tagged()).toContain('nps');
    await expect(addReportTag(handle.db, fresh, 'nps', 'Bad Tag!')).rejects.toMatchObject({ code: 'VALIDATION' });
    // Tags are per workspace.
    expect((await getReportDefinition(handle.db, ws, 'nps')).tags).toEqual(['integrations_salesforce']);
  });
});
