import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { listAudit } from '@/db/queries/audit';
import type { Ctx } from '@/lib/auth/session';
import { createTestWorkspace } from '@/lib/auth/testing';
import { inviteWorkspaceUser, listWorkspaceUsers, makePasswordResetLink } from '@/lib/dal/users';
import { AppError } from '@/lib/errors';
import { authenticate } from './authenticate';
import { describePasswordLink, PASSWORD_LINK_TTL_MS, setPasswordWithLink } from './password-links';

const code = (promise: Promise<unknown>) => promise.then(() => 'ok', (e: unknown) => (e instanceof AppError ? e.code : String(e)));
const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;
const signIn = (db: DatabaseHandle['db'], email: string, password: string) => code(authenticate(db, { email, password, ip: '203.0.113.9' }));

describe.each(testDatabaseKinds)('invitation and reset links on %s', (kind) => {
  let handle: DatabaseHandle;
  let admin: Ctx;
  let other: Ctx;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    admin = await createTestWorkspace(handle.db, 'Links');
    other = await createTestWorkspace(handle.db, 'Elsewhere');
  });
  afterAll(async () => { await handle.close(); });

  it('an invited user cannot sign in until they set a password with the link, which then works only once', async () => {
    const invite = await inviteWorkspaceUser(admin, { name: 'Ivy Invitee', email: 'ivy@links.test', role: 'member' });
    expect(invite.url).toMatch(/^http:\/\/localhost:\d+\/set-password\/[A-Za-z0-9_-]{43}$/);
    expect(invite.expiresAt.getTime() - Date.now()).toBeGreaterThan(PASSWORD_LINK_TTL_MS.invite - 60_000);
    const token = tokenOf(invite.url);
    expect(await describePasswordLink(handle.db, token)).toEqual({ email: 'ivy@links.test', name: 'Ivy Invitee', purpose: 'invite' });
    expect(await signIn(handle.db, 'ivy@links.test', '!invited')).toBe('Error: sign-in refused: invalid');

    await setPasswordWithLink(handle.db, { token, password: 'Ivy-chose-this-1' });
    expect(await signIn(handle.db, 'ivy@links.test', 'Ivy-chose-this-1')).toBe('ok');
    expect(await describePasswordLink(handle.db, token)).toBeNull();
    expect(await code(setPasswordWithLink(handle.db, { token, password: 'Someone-else-2' }))).toBe('NOT_FOUND');
    expect(await signIn(handle.db, 'ivy@links.test', 'Ivy-chose-this-1')).toBe('ok');
    const audit = await listAudit(handle.db, admin.user.workspaceId, {});
    expect(audit.map((e) => e.summary)).toContain('ivy@links.test accepted the invitation and set a password');
  });

  it('a reset link replaces older links, expires, and only admins of the same workspace can make one', async () => {
    const invite = await inviteWorkspaceUser(admin, { name: 'Rex Reset', email: 'rex@links.test', role: 'member' });
    const { id } = invite;
    await setPasswordWithLink(handle.db, { token: tokenOf(invite.url), password: 'Rex-first-pass-1' });
    const first = tokenOf((await makePasswordResetLink(admin, { userId: id })).url);
    const second = tokenOf((await makePasswordResetLink(admin, { userId: id })).url);
    expect(await describePasswordLink(handle.db, first)).toBeNull();
    expect(await describePasswordLink(handle.db, second)).toMatchObject({ purpose: 'reset' });
    const tooLate = new Date(Date.now() + PASSWORD_LINK_TTL_MS.reset + 1000);
    expect(await describePasswordLink(handle.db, second, tooLate)).toBeNull();
    expect(await code(setPasswordWithLink(handle.db, { token: second, password: 'Rex-too-late-1' }, tooLate))).toBe('NOT_FOUND');

    const member: Ctx = { ...admin, user: { ...admin.user, role: 'member' } };
    expect(await code(makePasswordResetLink(member, { userId: id }))).toBe('FORBIDDEN');
    expect(await code(makePasswordResetLink(other, { userId: id }))).toBe('NOT_FOUND');
    await setPasswordWithLink(handle.db, { token: second, password: 'Rex-new-pass-12' });
    expect(await signIn(handle.db, 'rex@links.test', 'Rex-new-pass-12')).toBe('ok');
  });
  it('for someone who never set a password, a new link is a new week-long invitation that replaces the lapsed one', async () => {
    const invite = await inviteWorkspaceUser(admin, { name: 'Lia Late', email: 'lia@links.test', role: 'member' });
    const again = await makePasswordResetLink(admin, { userId: invite.id });
    expect(again.purpose).toBe('invite');
    expect(again.expiresAt.getTime() - Date.now()).toBeGreaterThan(PASSWORD_LINK_TTL_MS.invite - 60_000);
    expect(await describePasswordLink(handle.db, tokenOf(invite.url))).toBeNull();
    expect(await describePasswordLink(handle.db, tokenOf(again.url))).toMatchObject({ purpose: 'invite' });
    const listed = (await listWorkspaceUsers(admin)).find((u) => u.email === 'lia@links.test');
    expect(listed).toMatchObject({ passwordSet: false, linkExpiresAt: again.expiresAt });
    const audit = await listAudit(handle.db, admin.user.workspaceId, {});
    expect(audit.map((e) => e.summary)).toContain('Made a new invitation link for lia@links.test');
  });
});
