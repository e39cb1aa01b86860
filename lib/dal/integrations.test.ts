import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgBoss } from 'pg-boss';
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { listAudit } from '@/db/queries/audit';
import { addTestUser, createTestWorkspace } from '@/lib/auth/testing';
import type { Ctx } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { insertTestAccount, integrationInput } from '@/lib/integrations/testing';
import { startQueueOnly } from '@/lib/runs/testing';
import {
  createIntegration, deleteIntegration, getIntegrationDetail, getIntegrationRun, listIntegrationRuns, listIntegrations, runIntegrationNow,
  setIntegrationEnabled, updateIntegration,
} from './integrations';

const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => (e instanceof AppError ? e : Promise.reject(e)));

describe.each(testDatabaseKinds)('integrations data access on %s', (kind) => {
  let handle: DatabaseHandle;
  let admin: Ctx;
  let member: Ctx;
  let other: Ctx;
  let accountId: string;
  let boss: PgBoss;
  const schedule = async (id: string) => (await boss.getSchedule('sync.scheduled', id))?.cron ?? null;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    boss = await startQueueOnly(handle);
    admin = await createTestWorkspace(handle.db, 'alpha');
    other = await createTestWorkspace(handle.db, 'beta');
    member = await addTestUser(admin, { name: 'Mo', email: 'mo@alpha.test', password: 'Member-pass-123', role: 'member' });
    accountId = await insertTestAccount(handle.db, admin.user.workspaceId);
  });
  afterAll(async () => {
    await boss.stop({ graceful: false, timeout: 1000 });
    await handle.close();
  });

  it('lets a member create, edit, pause and resume; the version rises with each edit; each change is audited', async () => {
    const created = await createIntegration(member, integrationInput(accountId), boss);
    expect(created).toMatchObject({ version: 1, enabled: true, scheduleCron: '0 8 * * *', scheduleTimezone: 'UTC' });
    const edited = await updateIntegration(member, created.id, integrationInput(accountId, { scheduleCron: '30 6 * * 1-5', scheduleTimezone: 'Europe/Berlin' }), 1, boss);
    expect(edited).toMatchObject({ version: 2, scheduleCron: '30 6 * * 1-5' });
    expect(await schedule(created.id)).toBe('30 6 * * 1-5');
    expect(await setIntegrationEnabled(member, created.id, false, boss)).toMatchObject({ enabled: false, version: 2 });
    expect(await schedule(created.id)).toBeNull();
    await setIntegrationEnabled(member, created.id, true, boss);
    expect((await boss.getSchedule('sync.scheduled', created.id))).toMatchObject({ cron: '30 6 * * 1-5', timezone: 'Europe/Berlin' });
    const actions = (await listAudit(handle.db, admin.user.workspaceId)).filter((e) => e.targetId === created.id).map((e) => `${e.action} ${e.actorEmail}`);
    expect(actions.sort()).toEqual(['integration.create', 'integration.edit', 'integration.pause', 'integration.resume'].map((a) => `${a} mo@alpha.test`));
  });

  it('shows the grid with report name, object, environment, schedule and next run', async () => {
    const now = new Date('2026-05-04T07:00:00Z');
    const rows = await listIntegrations(admin, now);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      name: 'Logins Review to Contact', reportName: 'Logins Review', objectName: 'Contact', environment: 'sandbox',
      scheduleCron: '30 6 * * 1-5', scheduleTimezone: 'Europe/Berlin', lastRun: null, activeRun: null,
      nextRunAt: new Date('2026-05-05T04:30:00Z'),
    });
    await setIntegrationEnabled(admin, rows[0].id, false, boss);
    expect((await listIntegrations(admin, now))[0].nextRunAt).toBeNull();
    await setIntegrationEnabled(admin, rows[0].id, true, boss);
  });

  it('refuses a second integration of the same name, a stale edit, and bad input with field messages', async () => {
    const taken = await failure(createIntegration(member, integrationInput(accountId, { name: 'LOGINS review to contact' }), boss));
    expect(taken).toMatchObject({ code: 'CONFLICT', fieldErrors: { name: ['This name is already used.'] } });
    const [row] = await listIntegrations(admin);
    expect(await failure(updateIntegration(member, row.id, integrationInput(accountId), 1, boss))).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/after you opened it/) });
    const invalid = await failure(createIntegration(member, integrationInput(accountId, { name: '', mappings: [{ column: 'Email', field: 'Email' }] }), boss));
    expect(invalid).toMatchObject({ code: 'VALIDATION', fieldErrors: { name: ['Enter a name.'], 'mappings.0.field': [expect.stringMatching(/is a key field/)] } });
    const foreignAccount = await insertTestAccount(handle.db, other.user.workspaceId);
    expect(await failure(createIntegration(member, integrationInput(foreignAccount, { name: 'Other' }), boss))).toMatchObject({ code: 'VALIDATION', fieldErrors: { accountId: ['Choose a connected account.'] } });
    expect(await failure(createIntegration(member, integrationInput(accountId, { name: 'Other', reportId: 'no-such-report' }), boss))).toMatchObject({ fieldErrors: { reportId: ['Choose a report.'] } });
  });

  it("never shows or changes another workspace's integrations", async () => {
    const [row] = await listIntegrations(admin);
    expect(await listIntegrations(other)).toEqual([]);
    expect(await failure(getIntegrationDetail(other, row.id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(updateIntegration(other, row.id, integrationInput(accountId), undefined, boss))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(setIntegrationEnabled(other, row.id, false, boss))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(deleteIntegration(other, row.id, boss))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(getIntegrationDetail(admin, 'not-a-uuid'))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await getIntegrationDetail(admin, row.id)).enabled).toBe(true);
  });

  it('runs now for a member, refuses a second run while one is active, and lists the runs', async () => {
    const [row] = await listIntegrations(admin);
    const run = await runIntegrationNow(member, row.id, {}, boss);
    expect(run).toMatchObject({ status: 'queued', statusLabel: 'Queued', trigger: 'manual', integrationVersion: row.version });
    expect(await failure(runIntegrationNow(admin, row.id, {}, boss))).toMatchObject({ code: 'CONFLICT', message: 'Logins Review to Contact is already running; wait for it to finish.' });
    expect((await listIntegrations(admin))[0].activeRun).toMatchObject({ id: run.id, status: 'queued', rowsProcessed: 0 });
    expect((await listIntegrationRuns(member, row.id)).map((r) => r.id)).toEqual([run.id]);
    expect(await getIntegrationRun(member, run.id)).toMatchObject({ id: run.id, status: 'queued' });
    expect(await failure(getIntegrationRun(other, run.id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(listIntegrationRuns(other, row.id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(runIntegrationNow(other, row.id, {}, boss))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(deleteIntegration(admin, row.id, boss))).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/is running/) });
    await handle.db.execute(sql`update integration_runs set status = 'completed', finished_at = now() where id = ${run.id}`);
    expect((await listIntegrations(admin))[0]).toMatchObject({ activeRun: null, lastRun: { id: run.id, status: 'completed' } });
  });

  it('lets only admins delete', async () => {
    const [row] = await listIntegrations(admin);
    expect(await failure(deleteIntegration(member, row.id, boss))).toMatchObject({ code: 'FORBIDDEN' });
    await deleteIntegration(admin, row.id, boss);
    expect(await listIntegrations(admin)).toEqual([]);
    expect(await schedule(row.id)).toBeNull();
    expect((await listAudit(handle.db, admin.user.workspaceId)).some((e) => e.action === 'integration.delete' && e.targetId === row.id)).toBe(true);
  });
});
