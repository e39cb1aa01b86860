import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { getReportDefinition, listReports } from './catalog';
import { previewReport } from './report-rows';
import { createInsightsWorkspace, ingestForTest } from './testing';

const asOf = new Date('2026-06-30T12:00:00Z');
const d = (iso: string) => new Date(iso);

describe.each(testDatabaseKinds)('built-in reports on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => { handle = await createTestDatabase(kind); });
  afterAll(async () => { await handle.close(); });

  async function rows(workspaceId: string, reportId: string, at = asOf) {
    return (await previewReport(handle.db, workspaceId, reportId, { asOf: at, pageSize: 500 })).rows;
  }

  it('Logins Review: first/last login, 30-day window (asOf − 30 days excluded, asOf included), later events ignored', async () => {
    const ws = await createInsightsWorkspace(handle.db);
    // Sent out of order, across two batches, with a repeated id in and across batches.
    await ingestForTest(handle.db, ws, [
      { userId: 'u1', email: 'Ann@Example.com', type: 'login', timestamp: '2026-06-30T12:00:00Z' },
      { userId: 'u1', type: 'login', timestamp: '2026-05-31T12:00:00Z' },
      { userId: 'u1', type: 'login', timestamp: '2026-03-01T10:00:00Z' },
      { userId: 'u1', type: 'login', timestamp: '2026-06-30T12:00:00.001Z' },
      { userId: 'u2', email: 'bo@example.com', type: 'nps', timestamp: '2026-06-01T00:00:00Z', properties: { score: 5 } },
      { userId: 'u3', email: 'late@example.com', type: 'login', timestamp: '2026-07-01T00:00:00Z' },
      { id: 'dup-1', userId: 'u4', type: 'login', timestamp: '2026-06-20T08:00:00Z' },
      { id: 'dup-1', userId: 'u4', type: 'login', timestamp: '2026-06-21T08:00:00Z' },
    ]);
    const second = await ingestForTest(handle.db, ws, [
      { userId: 'u1', type: 'login', timestamp: '2026-05-31T12:00:00.001+00:00' },
      { id: 'dup-1', userId: 'u4', type: 'login', timestamp: '2026-06-22T08:00:00Z' },
      { userId: 'u4', email: 'dee@example.com', type: 'login', timestamp: '2026-04-02T03:04:05+02:00' },
    ]);
    expect(second).toEqual({ accepted: 2, duplicates: 1, rejected: [] });

    expect(await rows(ws, 'logins-review')).toEqual([
      { 'User ID': 'u1', Email: 'ann@example.com', 'First Login': d('2026-03-01T10:00:00Z'), 'Last Login': d('2026-06-30T12:00:00Z'), '# Logins Last 30 Days': 2 },
      { 'User ID': 'u4', Email: 'dee@example.com', 'First Login': d('2026-04-02T01:04:05Z'), 'Last Login': d('2026-06-20T08:00:00Z'), '# Logins Last 30 Days': 1 },
    ]);
    // One millisecond later the 05-31T12:00:00.001Z login is exactly 30 days old and drops out, while the
    // 06-30T12:00:00.001Z one comes in.
    const later = await rows(ws, 'logins-review', d('2026-06-30T12:00:00.001Z'));
    expect(later[0]['# Logins Last 30 Days']).toBe(2);
    expect(later[0]['Last Login']).toEqual(d('2026-06-30T12:00:00.001Z'));
    // One millisecond earlier both May logins are inside and the asOf login is in the future.
    const earlier = await rows(ws, 'logins-review', d('2026-06-30T11:59:59.999Z'));
    expect(earlier[0]['# Logins Last 30 Days']).toBe(2);
    expect(earlier[0]['Last Login']).toEqual(d('2026-05-31T12:00:00.001Z'));
    // Once asOf passes u3's login, u3 appears.
    expect((await rows(ws, 'logins-review', d('2026-07-02T00:00:00Z'))).map((r) => r['User ID'])).toEqual(['u1', 'u3', 'u4']);
  });

  it('NPS: latest answer by timestamp, not arrival; categories at every boundary; answers counted', async () => {
    const ws = await createInsightsWorkspace(handle.db);
    await ingestForTest(handle.db, ws, [
      { userId: 'a', email: 'a@example.com', type: 'nps', timestamp: '2026-06-10T00:00:00Z', properties: { score: 9 } },
      { userId: 'a', type: 'nps', timestamp: '2026-06-01T00:00:00Z', properties: { score: 3 } },
      { userId: 'a', type: 'login', timestamp: '2026-06-11T00:00:00Z' },
      { userId: 'no-nps', type: 'login', timestamp: '2026-06-11T00:00:00Z' },
    ]);
    await ingestForTest(handle.db, ws, [
      { userId: 'a', type: 'nps', timestamp: '2026-06-05T00:00:00Z', properties: { score: 7 } },
      { userId: 'a', type: 'nps', timestamp: '2026-07-05T00:00:00Z', properties: { score: 0 } },
      ...[0, 6, 7, 8, 9, 10].map((score) => ({ userId: `s${String(score).padStart(2, '0')}`, type: 'nps', timestamp: '2026-06-15T00:00:00Z', properties: { score } })),
      // Equal timestamps: the later arrival is the re-answer.
      { userId: 'tie', type: 'nps', timestamp: '2026-06-20T00:00:00Z', properties: { score: 2 } },
      { userId: 'tie', type: 'nps', timestamp: '2026-06-20T00:00:00Z', properties: { score: 10 } },
    ]);
    const result = await rows(ws, 'nps');
    expect(result[0]).toEqual({ 'User ID': 'a', Email: 'a@example.com', 'NPS Score': 9, 'NPS Category': 'Promoter', 'Last NPS Response': d('2026-06-10T00:00:00Z'), 'NPS Responses': 3 });
    expect(result.map((r) => [r['User ID'], r['NPS Score'], r['NPS Category'], r['NPS Responses']])).toEqual([
      ['a', 9, 'Promoter', 3],
      ['s00', 0, 'Detractor', 1], ['s06', 6, 'Detractor', 1], ['s07', 7, 'Passive', 1],
      ['s08', 8, 'Passive', 1], ['s09', 9, 'Promoter', 1], ['s10', 10, 'Promoter', 1],
      ['tie', 10, 'Promoter', 2],
    ]);
    expect(result.find((r) => r['User ID'] === 's08')!.Email).toBeNull();
    const afterReanswer = await rows(ws, 'nps', d('2026-07-06T00:00:00Z'));
    expect(afterReanswer[0]).toMatchObject({ 'NPS Score': 0, 'NPS Category': 'Detractor', 'NPS Responses': 4 });
  });

  it('Onboarding: only listed tasks, distinct, completed at the first completion of the last task; every seen end user', async () => {
    const ws = await createInsightsWorkspace(handle.db, { onboardingTasks: ['profile', 'invite', 'first_report', 'profile', ' '] });
    await ingestForTest(handle.db, ws, [
      { userId: 'done', type: 'onboarding_task', timestamp: '2026-06-02T00:00:00Z', properties: { taskId: 'profile' } },
      { userId: 'done', type: 'onboarding_task', timestamp: '2026-06-10T00:00:00Z', properties: { taskId: 'first_report' } },
      { userId: 'done', type: 'onboarding_task', timestamp: '2026-06-05T00:00:00Z', properties: { taskId: 'invite' } },
      { userId: 'done', type: 'onboarding_task', timestamp: '2026-06-20T00:00:00Z', properties: { taskId: 'first_report' } },
      { userId: 'done', type: 'onboarding_task', timestamp: '2026-06-25T00:00:00Z', properties: { taskId: 'not_in_list' } },
      { userId: 'part', type: 'onboarding_task', timestamp: '2026-06-02T00:00:00Z', properties: { taskId: 'profile' } },
      { userId: 'part', type: 'onboarding_task', timestamp: '2026-06-03T00:00:00Z', properties: { taskId: 'profile' } },
      { userId: 'part', type: 'onboarding_task', timestamp: '2026-06-04T00:00:00Z', properties: { taskId: 'bonus' } },
      { userId: 'part', type: 'onboarding_task', timestamp: '2026-07-04T00:00:00Z', properties: { taskId: 'invite' } },
      { userId: 'none', type: 'login', timestamp: '2026-06-02T00:00:00Z' },
      { userId: 'future', type: 'onboarding_task', timestamp: '2026-07-02T00:00:00Z', properties: { taskId: 'profile' } },
    ]);
    // An earlier completion of a task arriving late moves nothing: 'profile' was not the last task.
    await ingestForTest(handle.db, ws, [
      { userId: 'done', type: 'onboarding_task', timestamp: '2026-06-01T00:00:00Z', properties: { taskId: 'profile' } },
    ]);
    expect(await rows(ws, 'onboarding-completion-rate')).toEqual([
      { 'User ID': 'done', Email: null, 'Onboarding Tasks Completed': 3, 'Onboarding Tasks Total': 3, 'Onboarding Completion Rate (%)': 100, 'Onboarding Completed': true, 'Onboarding Completed At': d('2026-06-10T00:00:00Z') },
      { 'User ID': 'none', Email: null, 'Onboarding Tasks Completed': 0, 'Onboarding Tasks Total': 3, 'Onboarding Completion Rate (%)': 0, 'Onboarding Completed': false, 'Onboarding Completed At': null },
      { 'User ID': 'part', Email: null, 'Onboarding Tasks Completed': 1, 'Onboarding Tasks Total': 3, 'Onboarding Completion Rate (%)': 33.33, 'Onboarding Completed': false, 'Onboarding Completed At': null },
    ]);
    const noTasks = await createInsightsWorkspace(handle.db, {});
    await ingestForTest(handle.db, noTasks, [{ userId: 'x', type: 'onboarding_task', timestamp: '2026-06-02T00:00:00Z', properties: { taskId: 'profile' } }]);
    const preview = await previewReport(handle.db, noTasks, 'onboarding-completion-rate', { asOf });
    expect(preview.total).toBe(0);
  });

  it('TeachMe: latest progress per course by timestamp, completion by flag or 100, hidden when disabled', async () => {
    const ws = await createInsightsWorkspace(handle.db, { teachMeEnabled: true });
    const course = (userId: string, timestamp: string, courseId: string, progress: number, completed?: boolean) =>
      ({ userId, type: 'course_progress', timestamp, properties: completed === undefined ? { courseId, progress } : { courseId, progress, completed } });
    await ingestForTest(handle.db, ws, [
      course('t1', '2026-06-01T00:00:00Z', 'c1', 20),
      course('t1', '2026-06-03T00:00:00Z', 'c1', 60),
      course('t1', '2026-06-01T00:00:00Z', 'c2', 100),
      course('t1', '2026-06-04T00:00:00Z', 'c2', 50),
      course('t1', '2026-06-05T00:00:00Z', 'c3', 30, true),
      course('t1', '2026-07-05T00:00:00Z', 'c4', 100, true),
      course('t2', '2026-06-09T10:00:00Z', 'c1', 12.5, false),
      { userId: 'login-only', type: 'login', timestamp: '2026-06-01T00:00:00Z' },
    ]);
    await ingestForTest(handle.db, ws, [course('t1', '2026-06-02T00:00:00Z', 'c1', 40)]);
    expect(await rows(ws, 'teachme')).toEqual([
      { 'User ID': 't1', Email: null, 'Courses Started': 3, 'Courses Completed': 2, 'Average Course Progress (%)': 46.67, 'Last Course Activity': d('2026-06-05T00:00:00Z') },
      { 'User ID': 't2', Email: null, 'Courses Started': 1, 'Courses Completed': 0, 'Average Course Progress (%)': 12.5, 'Last Course Activity': d('2026-06-09T10:00:00Z') },
    ]);

    const off = await createInsightsWorkspace(handle.db, { teachMeEnabled: false });
    await ingestForTest(handle.db, off, [course('t1', '2026-06-01T00:00:00Z', 'c1', 20)]);
    expect((await listReports(handle.db, off)).map((r) => r.id)).toEqual(['logins-review', 'nps', 'onboarding-completion-rate']);
    await expect(getReportDefinition(handle.db, off, 'teachme')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(previewReport(handle.db, off, 'teachme', { asOf })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listReports(handle.db, ws)).map((r) => r.id)).toContain('teachme');
  });
});
