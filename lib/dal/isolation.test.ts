import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { selectRows, type DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { addTestUser, createTestWorkspace } from '@/lib/auth/testing';
import type { Ctx } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { createWorkspaceApiKey, listWorkspaceApiKeys, revokeWorkspaceApiKey } from './api-keys';
import { listWorkspaceAudit } from './audit';
import { changeUserRole, createWorkspaceUser, listWorkspaceUsers, makePasswordResetLink, setUserDisabled } from './users';

const code = (promise: Promise<unknown>) => promise.then(() => 'ok', (e: unknown) => (e instanceof AppError ? e.code : String(e)));

describe.each(testDatabaseKinds)('data access checks on %s', (kind) => {
  let handle: DatabaseHandle;
  let a: Ctx;
  let b: Ctx;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    a = await createTestWorkspace(handle.db, 'alpha');
    b = await createTestWorkspace(handle.db, 'beta');
  });
  afterAll(async () => { await handle.close(); });

  it("never shows or changes another workspace's users", async () => {
    const bob = await createWorkspaceUser(b, { name: 'Bob', email: 'bob@beta.test', role: 'member' });
    expect((await listWorkspaceUsers(a)).map((u) => u.email)).not.toContain('bob@beta.test');
    expect(await code(changeUserRole(a, { userId: bob.id, role: 'admin' }))).toBe('NOT_FOUND');
    expect(await code(setUserDisabled(a, { userId: bob.id, disabled: true }))).toBe('NOT_FOUND');
    expect(await code(makePasswordResetLink(a, { userId: bob.id }))).toBe('NOT_FOUND');
    const [row] = await listWorkspaceUsers(b).then((users) => users.filter((u) => u.id === bob.id));
    expect(row).toMatchObject({ role: 'member', disabledAt: null });
  });

  it("never shows or revokes another workspace's API keys, nor its audit entries", async () => {
    const key = await createWorkspaceApiKey(b, { name: 'Beta key' });
    expect((await listWorkspaceApiKeys(a)).map((k) => k.id)).not.toContain(key.id);
    expect(await code(revokeWorkspaceApiKey(a, { id: key.id }))).toBe('NOT_FOUND');
    expect((await listWorkspaceApiKeys(b)).find((k) => k.id === key.id)?.revokedAt).toBeNull();
    expect((await listWorkspaceAudit(a, {})).some((e) => e.summary.includes('Beta key'))).toBe(false);
    expect((await listWorkspaceAudit(b, {})).some((e) => e.summary.includes('Beta key'))).toBe(true);
  });

  it('refuses members every admin action', async () => {
    const asMember = await addTestUser(a, { name: 'Mo', email: 'mo@alpha.test', password: 'Member-pass-123', role: 'member' });
    expect(await code(createWorkspaceUser(asMember, { name: 'X', email: 'x@alpha.test', role: 'admin' }))).toBe('FORBIDDEN');
    expect(await code(changeUserRole(asMember, { userId: asMember.user.userId, role: 'admin' }))).toBe('FORBIDDEN');
    expect(await code(setUserDisabled(asMember, { userId: a.user.userId, disabled: true }))).toBe('FORBIDDEN');
    expect(await code(makePasswordResetLink(asMember, { userId: a.user.userId }))).toBe('FORBIDDEN');
    expect(await code(createWorkspaceApiKey(asMember, { name: 'k' }))).toBe('FORBIDDEN');
    expect(await code(listWorkspaceApiKeys(asMember))).toBe('FORBIDDEN');
    expect(await code(listWorkspaceAudit(asMember, {}))).toBe('FORBIDDEN');
  });

  it('keeps the last enabled admin', async () => {
    expect(await code(changeUserRole(b, { userId: b.user.userId, role: 'member' }))).toBe('CONFLICT');
  });

  it('stores no password and no API key in plain text', async () => {
    const password = 'Plain-text-check-77';
    await addTestUser(a, { name: 'Pat', email: 'pat@alpha.test', password, role: 'member' });
    const key = await createWorkspaceApiKey(a, { name: 'Plain key' });
    const users = await selectRows<Record<string, unknown>>(handle.db, sql`select * from users`);
    const keys = await selectRows<Record<string, unknown>>(handle.db, sql`select * from api_keys`);
    const audit = await selectRows<Record<string, unknown>>(handle.db, sql`select * from audit_entries`);
    const dump = JSON.stringify([users, keys, audit]);
    expect(dump).not.toContain(password);
    expect(dump).not.toContain(key.secret);
    expect(dump).toContain(key.secret.slice(0, 10)); // the display prefix is kept on purpose
  });
});
