import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { listAudit } from '@/db/queries/audit';
import { createTestWorkspace } from '@/lib/auth/testing';
import type { Ctx } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { insertTestAccount, integrationInput } from '@/lib/integrations/testing';
import { createWorkspaceUser } from './users';
import { createIntegration, deleteIntegration, getIntegrationDetail, listIntegrations, setIntegrationEnabled, updateIntegration } from './integrations';

const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => (e instanceof AppError ? e : Promise.reject(e)));

describe.each(testDatabaseKinds)('integrations data access on %s', (kind) => {
  let handle: DatabaseHandle;
  let admin: Ctx;
  let member: Ctx;
  let other: Ctx;
  let accountId: string;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    admin = await createTestWorkspace(handle.db, 'alpha');
    other = await createTestWorkspace(handle.db, 'beta');
    const mo = await createWorkspaceUser(admin, { name: 'Mo', email: 'mo@alpha.test', password: 'Member-pass-123', role: 'member' });
    member = { db: handle.db, user: { ...admin.user, userId: mo.id, role: 'member', email: mo.email, name: 'Mo' } };
    accountId = await insertTestAccount(handle.db, admin.user.workspaceId);
  });
  afterAll(async () => { await handle.close(); });

  it('lets a member create, edit, pause and resume; the version rises with each edit; each change is audited', async () => {
    const created = await createIntegration(member, integrationInput(accountId));
    expect(created).toMatchObject({ version: 1, enabled: true, scheduleCron: '0 8 * * *', scheduleTimezone: 'UTC' });
    const edited = await updateIntegration(member, created.id, integrationInput(accountId, { scheduleCron: '30 6 * * 1-5', scheduleTimezone: 'Europe/Berlin' }), 1);
    expect(edited).toMatchObject({ version: 2, scheduleCron: '30 6 * * 1-5' });
    expect(await setIntegrationEnabled(member, created.id, false)).toMatchObject({ enabled: false, version: 2 });
    await setIntegrationEnabled(member, created.id, true);
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
    await setIntegrationEnabled(admin, rows[0].id, false);
    expect((await listIntegrations(admin, now))[0].nextRunAt).toBeNull();
    await setIntegrationEnabled(admin, rows[0].id, true);
  });

  it('refuses a second integration of the same name, a stale edit, and bad input with field messages', async () => {
    const taken = await failure(createIntegration(member, integrationInput(accountId, { name: 'LOGINS review to contact' })));
    expect(taken).toMatchObject({ code: 'CONFLICT', fieldErrors: { name: ['This name is already used.'] } });
    const [row] = await listIntegrations(admin);
    expect(await failure(updateIntegration(member, row.id, integrationInput(accountId), 1))).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/after you opened it/) });
    const invalid = await failure(createIntegration(member, integrationInput(accountId, { name: '', mappings: [{ column: 'Email', field: 'Email' }] })));
    expect(invalid).toMatchObject({ code: 'VALIDATION', fieldErrors: { name: ['Enter a name.'], 'mappings.0.field': [expect.stringMatching(/is a key field/)] } });
    const foreignAccount = await insertTestAccount(handle.db, other.user.workspaceId);
    expect(await failure(createIntegration(member, integrationInput(foreignAccount, { name: 'Other' })))).toMatchObject({ code: 'VALIDATION', fieldErrors: { accountId: ['Choose a connected account.'] } });
    expect(await failure(createIntegration(member, integrationInput(accountId, { name: 'Other', reportId: 'no-such-report' })))).toMatchObject({ fieldErrors: { reportId: ['Choose a report.'] } });
  });

  it("never shows or changes another workspace's integrations", async () => {
    const [row] = await listIntegrations(admin);
    expect(await listIntegrations(other)).toEqual([]);
    expect(await failure(getIntegrationDetail(other, row.id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(updateIntegration(other, row.id, integrationInput(accountId)))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(setIntegrationEnabled(other, row.id, false))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(deleteIntegration(other, row.id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(getIntegrationDetail(admin, 'not-a-uuid'))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await getIntegrationDetail(admin, row.id)).enabled).toBe(true);
  });

  it('lets only admins delete', async () => {
    const [row] = await listIntegrations(admin);
    expect(await failure(deleteIntegration(member, row.id))).toMatchObject({ code: 'FORBIDDEN' });
    await deleteIntegration(admin, row.id);
    expect(await listIntegrations(admin)).toEqual([]);
    expect((await listAudit(handle.db, admin.user.workspaceId)).some((e) => e.action === 'integration.delete' && e.targetId === row.id)).toBe(true);
  });
});
