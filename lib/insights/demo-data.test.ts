import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { countEndUsers, countEvents } from '@/db/queries/insights-events';
import { getWorkspace } from '@/db/queries/workspaces';
import { demoPeople } from '@/lib/demo/people';
import { validateEvents } from './ingest';
import { DEMO_ONBOARDING_TASKS, demoEvents, loadDemoDataIfEmpty } from './demo-data';
import { previewReport } from './report-rows';
import { createInsightsWorkspace } from './testing';

const now = new Date('2026-11-22T08:00:00Z');

describe('demo event generator', () => {
  it('is deterministic, about 100,000 valid events for the 2,000 demo people within the 90 days before now', () => {
    const first = [...demoEvents(now)];
    const second = [...demoEvents(now)];
    expect(second).toEqual(first);
    expect(first.length).toBeGreaterThan(80_000);
    expect(first.length).toBeLessThan(120_000);
    expect(new Set(first.map((e) => e.userId)).size).toBe(2000);
    expect(new Set(first.map((e) => e.id)).size).toBe(first.length);
    const earliest = now.getTime() - 90 * 24 * 60 * 60 * 1000;
    expect(first.every((e) => Date.parse(e.timestamp) >= earliest && Date.parse(e.timestamp) <= now.getTime())).toBe(true);
    const types = new Set(first.map((e) => e.type));
    for (const type of ['login', 'nps', 'onboarding_task', 'course_progress']) expect(types).toContain(type);
    // Some people answer NPS twice, and the emails are those of the Salesforce emulator's demo people.
    const npsPerUser = new Map<string, number>();
    for (const e of first) if (e.type === 'nps') npsPerUser.set(e.userId, (npsPerUser.get(e.userId) ?? 0) + 1);
    expect([...npsPerUser.values()].some((n) => n > 1)).toBe(true);
    expect(first.find((e) => e.userId === 'u-00001')!.email).toBe(demoPeople(1)[0].email);
    expect(validateEvents(first.slice(0, 5000), now).rejected).toEqual([]);
  });
});

describe.each(testDatabaseKinds)('demo data on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => { handle = await createTestDatabase(kind); });
  afterAll(async () => { await handle.close(); });

  it('loads once into an empty workspace, even when called twice at the same time', async () => {
    const ws = await createInsightsWorkspace(handle.db);
    const people = demoPeople(150);
    const expected = [...demoEvents(now, people)].length;
    const results = await Promise.all([1, 2].map(() => loadDemoDataIfEmpty(handle.db, ws, now, { people })));
    expect(results.map((r) => r.loaded).sort()).toEqual([false, true]);
    expect(results.find((r) => r.loaded)!.events).toBe(expected);
    expect(await countEvents(handle.db, ws)).toBe(expected);
    expect(await countEndUsers(handle.db, ws)).toBe(150);
    expect((await loadDemoDataIfEmpty(handle.db, ws, now, { people })).loaded).toBe(false);
    expect((await getWorkspace(handle.db, ws))!.settings.onboardingTasks).toEqual(DEMO_ONBOARDING_TASKS);
    const logins = await previewReport(handle.db, ws, 'logins-review', { asOf: now, pageSize: 1 });
    expect(logins.total).toBeGreaterThan(100);
    const onboarding = await previewReport(handle.db, ws, 'onboarding-completion-rate', { asOf: now, pageSize: 1 });
    expect(onboarding.total).toBe(150);
  });

  it('commits batch by batch, so queries sent while it loads are answered before it ends', async () => {
    const ws = await createInsightsWorkspace(handle.db);
    const people = demoPeople(150);
    let finished = false;
    const loading = loadDemoDataIfEmpty(handle.db, ws, now, { people, batchSize: 500 }).finally(() => { finished = true; });
    // What a sign-in right after setup does: ask the database while the demo loads.
    const seen: number[] = [];
    while (!finished) seen.push(await countEndUsers(handle.db, ws));
    expect((await loading).loaded).toBe(true);
    const partial = seen.filter((n) => n > 0 && n < 150);
    expect(partial.length).toBeGreaterThan(0);
    expect(new Set(partial).size).toBeGreaterThan(1);
    expect(await countEndUsers(handle.db, ws)).toBe(150);
  });

  it('removes what it loaded when a batch fails, so a retry starts again from an empty workspace', async () => {
    const ws = await createInsightsWorkspace(handle.db);
    const people = demoPeople(40);
    // A person whose email is no email: their events are refused, and they come after the first batch.
    const broken = [...people, { ...people[39], index: 40, userId: 'u-broken', email: 'not an email' }];
    await expect(loadDemoDataIfEmpty(handle.db, ws, now, { people: broken, batchSize: 200 })).rejects.toThrow(/demo event rejected/);
    expect(await countEvents(handle.db, ws)).toBe(0);
    expect(await countEndUsers(handle.db, ws)).toBe(0);
    expect((await loadDemoDataIfEmpty(handle.db, ws, now, { people })).loaded).toBe(true);
    expect(await countEndUsers(handle.db, ws)).toBe(40);
  });

  it('leaves a workspace that already has end users alone, and keeps its own onboarding tasks', async () => {
    const ws = await createInsightsWorkspace(handle.db, { onboardingTasks: ['mine'] });
    await loadDemoDataIfEmpty(handle.db, ws, now, { people: demoPeople(5) });
    const before = await countEvents(handle.db, ws);
    expect(await loadDemoDataIfEmpty(handle.db, ws, now, { people: demoPeople(10) })).toEqual({ loaded: false, events: 0 });
    expect(await countEvents(handle.db, ws)).toBe(before);
    expect((await getWorkspace(handle.db, ws))!.settings.onboardingTasks).toEqual(['mine']);
  });
});
