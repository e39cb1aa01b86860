import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { reportChart } from './charts';
import { exportReportCsv } from './csv-export';
import { createCustomReport } from './custom-reports';
import { countReportRows, previewReport, streamReportBatches, streamReportRows } from './report-rows';
import { createInsightsWorkspace, ingestForTest, type TestEvent } from './testing';

const asOf = new Date('2026-06-30T12:00:00Z');
const pad = (n: number) => String(n).padStart(3, '0');

describe.each(testDatabaseKinds)('report readers on %s', (kind) => {
  let handle: DatabaseHandle;
  let ws: string;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    ws = await createInsightsWorkspace(handle.db, { onboardingTasks: ['a', 'b', 'c', 'd'], teachMeEnabled: true });
    const events: TestEvent[] = [];
    // 23 users with logins: user i logs in i % 5 + 1 times on consecutive days ending 06-29.
    for (let i = 1; i <= 23; i++) {
      for (let n = 0; n <= i % 5; n++) {
        events.push({ userId: `u${pad(i)}`, email: `u${i}@example.com`, type: 'login', timestamp: `2026-06-${String(29 - n).padStart(2, '0')}T10:00:00Z` });
      }
    }
    // Users without logins are not in Logins Review.
    events.push({ userId: 'n001', type: 'nps', timestamp: '2026-06-01T00:00:00Z', properties: { score: 9 } });
    events.push({ userId: 'n002', type: 'nps', timestamp: '2026-06-01T00:00:00Z', properties: { score: 4 } });
    events.push({ userId: 'u001', type: 'nps', timestamp: '2026-06-01T00:00:00Z', properties: { score: 7 } });
    events.push({ userId: 'u002', type: 'onboarding_task', timestamp: '2026-06-01T00:00:00Z', properties: { taskId: 'a' } });
    for (const taskId of ['a', 'b', 'c', 'd']) events.push({ userId: 'u003', type: 'onboarding_task', timestamp: '2026-06-02T00:00:00Z', properties: { taskId } });
    events.push({ userId: 'u004', type: 'course_progress', timestamp: '2026-06-02T00:00:00Z', properties: { courseId: 'x', progress: 100 } });
    // A login on asOf's own day after asOf, and one 30 days back: neither is in the chart.
    events.push({ userId: 'u005', type: 'login', timestamp: '2026-06-30T12:00:01Z' });
    events.push({ userId: 'u005', type: 'login', timestamp: '2026-05-31T23:00:00Z' });
    await ingestForTest(handle.db, ws, events);
  });
  afterAll(async () => { await handle.close(); });

  it('pages and sorts a preview by any column, with the total count', async () => {
    const first = await previewReport(handle.db, ws, 'logins-review', { asOf, pageSize: 10 });
    expect(first.total).toBe(23);
    expect(first.rows.map((r) => r['User ID'])).toEqual(Array.from({ length: 10 }, (_, i) => `u${pad(i + 1)}`));
    const third = await previewReport(handle.db, ws, 'logins-review', { asOf, pageSize: 10, page: 3 });
    expect(third.rows.map((r) => r['User ID'])).toEqual(['u021', 'u022', 'u023']);
    const busiest = await previewReport(handle.db, ws, 'logins-review', { asOf, pageSize: 6, sort: { column: '# Logins Last 30 Days', direction: 'desc' } });
    // i % 5 == 4 gives 5 logins, i % 5 == 3 gives 4; ties go by User ID.
    expect(busiest.rows.map((r) => [r['User ID'], r['# Logins Last 30 Days']])).toEqual([
      ['u004', 5], ['u009', 5], ['u014', 5], ['u019', 5], ['u003', 4], ['u008', 4],
    ]);
    // u005 has one June login plus 05-31T23:00, inside (asOf − 30 days, asOf]; its login after asOf is ignored.
    const quiet = await previewReport(handle.db, ws, 'logins-review', { asOf, pageSize: 3, sort: { column: '# Logins Last 30 Days' } });
    expect(quiet.rows.map((r) => [r['User ID'], r['# Logins Last 30 Days']])).toEqual([['u010', 1], ['u015', 1], ['u020', 1]]);
    expect(first.rows[4]['# Logins Last 30 Days']).toBe(2);
    const byEmail = await previewReport(handle.db, ws, 'logins-review', { asOf, pageSize: 3, sort: { column: 'Email', direction: 'desc' } });
    expect(byEmail.rows.map((r) => r.Email)).toEqual(['u9@example.com', 'u8@example.com', 'u7@example.com']);
    await expect(previewReport(handle.db, ws, 'logins-review', { asOf, sort: { column: 'Nope' } })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(previewReport(handle.db, ws, 'logins-review', { asOf, pageSize: 501 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(previewReport(handle.db, ws, 'logins-review', { asOf, page: 0 })).rejects.toMatchObject({ code: 'VALIDATION' });
    // A hand-edited ?page=1e308 is a clear refusal, not a database error.
    await expect(previewReport(handle.db, ws, 'logins-review', { asOf, page: 1e308 }))
      .rejects.toMatchObject({ code: 'VALIDATION', message: 'page must be a whole number from 1 to 1000000.' });
  });

  it('streams every row once, in User ID order, in bounded batches, by keyset (a row added behind the cursor shifts nothing)', async () => {
    const all = (await previewReport(handle.db, ws, 'logins-review', { asOf, pageSize: 500 })).rows;
    const own = await createInsightsWorkspace(handle.db);
    await ingestForTest(handle.db, own, all.map((r) => ({ userId: String(r['User ID']), type: 'login', timestamp: '2026-06-10T00:00:00Z' })));
    const batches: string[][] = [];
    let inserted = false;
    for await (const batch of streamReportRows(handle.db, own, 'logins-review', { asOf, batchSize: 4 })) {
      batches.push(batch.map((r) => String(r['User ID'])));
      if (!inserted) {
        // With OFFSET paging this earlier key would push u004 into the next page a second time.
        await ingestForTest(handle.db, own, [{ userId: 'a000', type: 'login', timestamp: '2026-06-10T00:00:00Z' }]);
        inserted = true;
      }
    }
    expect(batches.every((b) => b.length >= 1 && b.length <= 4)).toBe(true);
    expect(batches.map((b) => b.length)).toEqual([4, 4, 4, 4, 4, 3]);
    expect(batches.flat()).toEqual(all.map((r) => r['User ID']));

    // The rows are those of the preview, typed the same way.
    const streamed = [];
    for await (const batch of streamReportRows(handle.db, ws, 'logins-review', { asOf, batchSize: 7 })) streamed.push(...batch);
    expect(streamed).toEqual(all);
    const exact = [];
    for await (const batch of streamReportRows(handle.db, ws, 'nps', { asOf, batchSize: 3 })) exact.push(batch.length);
    expect(exact).toEqual([3]);
    await expect(streamReportRows(handle.db, ws, 'nps', { batchSize: 0 }).next()).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('exports CSV with every row, ISO dates, booleans and empty cells', async () => {
    const { filename, stream } = await exportReportCsv(handle.db, ws, 'onboarding-completion-rate', { asOf });
    expect(filename).toBe('onboarding-completion-rate-2026-06-30.csv');
    let text = '';
    for await (const chunk of stream) text += chunk;
    const records = parse(text) as string[][];
    expect(records[0]).toEqual(['User ID', 'Email', 'Onboarding Tasks Completed', 'Onboarding Tasks Total', 'Onboarding Completion Rate (%)', 'Onboarding Completed', 'Onboarding Completed At']);
    expect(records).toHaveLength(1 + 25);
    expect(records.find((r) => r[0] === 'u003')).toEqual(['u003', 'u3@example.com', '4', '4', '100', 'true', '2026-06-02T00:00:00.000Z']);
    expect(records.find((r) => r[0] === 'u002')).toEqual(['u002', 'u2@example.com', '1', '4', '25', 'false', '']);
    expect(records.find((r) => r[0] === 'n001')).toEqual(['n001', '', '0', '4', '0', 'false', '']);
  });

  it('charts each built-in report’s main measure', async () => {
    const logins = (await reportChart(handle.db, ws, 'logins-review', { asOf }))!;
    expect(logins.points).toHaveLength(30);
    expect(logins.points[0].label).toBe('2026-06-01');
    expect(logins.points[29]).toEqual({ label: '2026-06-30', value: 0 });
    // Logins on day 29 - n for n <= i % 5: 23 users log in on 06-29, those with i % 5 >= 1 on 06-28, and so on.
    const expected = (n: number) => Array.from({ length: 23 }, (_, i) => (i + 1) % 5).filter((m) => m >= n).length;
    expect(logins.points.slice(24, 29).map((p) => p.value)).toEqual([4, 3, 2, 1, 0].map(expected));
    expect(logins.points.reduce((s, p) => s + p.value, 0)).toBe([0, 1, 2, 3, 4].map(expected).reduce((a, b) => a + b, 0));
    expect((await reportChart(handle.db, ws, 'nps', { asOf }))!.points).toEqual([
      { label: 'Promoter', value: 1, tone: 'positive' }, { label: 'Passive', value: 1, tone: 'neutral' }, { label: 'Detractor', value: 1, tone: 'negative' },
    ]);
    expect((await reportChart(handle.db, ws, 'onboarding-completion-rate', { asOf }))!.points).toEqual([
      { label: '0%', value: 23 }, { label: '1-24%', value: 0 }, { label: '25-49%', value: 1 },
      { label: '50-74%', value: 0 }, { label: '75-99%', value: 0 }, { label: '100%', value: 1 },
    ]);
    expect((await reportChart(handle.db, ws, 'teachme', { asOf }))!.points.map((p) => p.value)).toEqual([0, 1, 0, 0, 0, 0]);
    const custom = await createCustomReport(handle.db, ws, { name: 'C', keyColumn: 'User ID', columns: [{ kind: 'field', label: 'User ID', field: 'userId' }] });
    expect(await reportChart(handle.db, ws, custom.id, { asOf })).toBeNull();
  });

  it('gives the NPS chart the workspace NPS (% promoters minus % detractors) now and 30 days earlier', async () => {
    const trend = await createInsightsWorkspace(handle.db, {}, 'NPS trend');
    const answer = (userId: string, day: string, score: number): TestEvent => ({ userId, type: 'nps', timestamp: `2026-${day}T00:00:00Z`, properties: { score } });
    await ingestForTest(handle.db, trend, [
      // By 05-31 (30 days before asOf): a promoter, a passive and a detractor, NPS 0.
      answer('p1', '05-10', 10), answer('p2', '05-10', 2), answer('p3', '05-10', 8),
      // Since then the detractor and the passive answer 9 and a new detractor answers: 3 promoters, 1 detractor of 4.
      answer('p2', '06-20', 9), answer('p3', '06-20', 9), answer('p4', '06-21', 0),
    ]);
    const chart = (await reportChart(handle.db, trend, 'nps', { asOf }))!;
    expect(chart.points.map((p) => p.value)).toEqual([3, 0, 1]);
    expect(chart.score).toEqual({ label: 'NPS', value: 50, previous: 0, previousAsOf: new Date('2026-05-31T12:00:00Z') });
    const empty = await createInsightsWorkspace(handle.db, {}, 'No answers');
    expect((await reportChart(handle.db, empty, 'nps', { asOf }))!.score).toMatchObject({ value: null, previous: null });
  });
  it('runs the logins chart up to the last hour before asOf, whatever the database session’s time zone', async () => {
    const late = await createInsightsWorkspace(handle.db, {}, 'Late logins');
    const lateAsOf = new Date('2026-11-30T23:30:00Z');
    await ingestForTest(handle.db, late, [
      { userId: 'l1', type: 'login', timestamp: '2026-11-30T23:10:00Z' },
      { userId: 'l1', type: 'login', timestamp: '2026-11-30T00:05:00Z' },
      { userId: 'l2', type: 'login', timestamp: '2026-11-29T23:59:00Z' },
      { userId: 'l2', type: 'login', timestamp: '2026-11-01T00:00:00Z' },
      { userId: 'l2', type: 'login', timestamp: '2026-10-31T23:59:00Z' },
    ]);
    for (const zone of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      const points = await handle.db.transaction(async (tx) => {
        await tx.execute(sql.raw(`set local time zone '${zone}'`));
        return (await reportChart(tx as unknown as DatabaseHandle['db'], late, 'logins-review', { asOf: lateAsOf }))!.points;
      });
      expect(points, zone).toHaveLength(30);
      expect(points[0], zone).toEqual({ label: '2026-11-01', value: 1 });
      expect(points.slice(-2), zone).toEqual([{ label: '2026-11-29', value: 1 }, { label: '2026-11-30', value: 2 }]);
    }
  });

  it('says when each row next changes with time alone: when the oldest event of a "last N days" window leaves it', async () => {
    const until = async (reportId: string) => {
      const found = new Map<string, number | null>();
      for await (const batch of streamReportBatches(handle.db, ws, reportId, { asOf, withValidUntil: true })) {
        batch.userIds.forEach((id, i) => found.set(id, batch.validUntil![i]));
      }
      return found;
    };
    const logins = await until('logins-review');
    // u007 logs in on 06-27..06-29: the 06-27 login leaves the window 30 days later.
    expect(new Date(logins.get('u007')!).toISOString()).toBe('2026-07-27T10:00:00.000Z');
    // u005's oldest login in the window is 05-31T23:00; its login after asOf is not in the row yet.
    expect(new Date(logins.get('u005')!).toISOString()).toBe('2026-06-30T23:00:00.000Z');
    // NPS has no window: its rows change only with new answers.
    expect([...(await until('nps')).values()].every((v) => v === null)).toBe(true);

    const custom = await createCustomReport(handle.db, ws, {
      name: 'Recent', keyColumn: 'User ID',
      columns: [{ kind: 'field', label: 'User ID', field: 'userId' }, { kind: 'count', label: 'Logins 3d', eventType: 'login', lastDays: 3 }, { kind: 'count', label: 'NPS 60d', eventType: 'nps', lastDays: 60 }],
    });
    const recent = await until(custom.id);
    // u004 logs in 06-25..06-29: of those in the 3-day window (after 06-27T12:00), 06-28 leaves first, on 07-01.
    expect(new Date(recent.get('u004')!).toISOString()).toBe('2026-07-01T10:00:00.000Z');
    // u001 answered NPS on 06-01 (leaving the 60-day window on 07-31) and logged in 06-28..06-29 (06-28 leaves on 07-01).
    expect(new Date(recent.get('u001')!).toISOString()).toBe('2026-07-01T10:00:00.000Z');
    // n001 has no login and an NPS answer from 06-01: 60 days later.
    expect(new Date(recent.get('n001')!).toISOString()).toBe('2026-07-31T00:00:00.000Z');
  });

  it('counts every report\'s rows from its end users alone, as many as the report has', async () => {
    for (const reportId of ['logins-review', 'nps', 'onboarding-completion-rate', 'teachme']) {
      const { total } = await previewReport(handle.db, ws, reportId, { asOf, pageSize: 1 });
      expect([reportId, await countReportRows(handle.db, ws, reportId, { asOf })]).toEqual([reportId, total]);
    }
    expect(await countReportRows(handle.db, ws, 'logins-review', { asOf, only: ['u001', 'u002', 'n001', 'nobody'] })).toBe(2);
    // Only the listed User IDs, in order, when a sync run reads what changed.
    const rows: string[] = [];
    for await (const batch of streamReportBatches(handle.db, ws, 'logins-review', { asOf, batchSize: 2, only: ['u002', 'u003', 'u010', 'u020', 'n001'] })) rows.push(...batch.userIds);
    expect(rows).toEqual(['u002', 'u003', 'u010', 'u020']);
  });
});
