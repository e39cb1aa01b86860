import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { runAction, type ActionDeps } from '@/lib/auth/action-core';
import { changeOwnPasswordSchema, inviteUserSchema, roleChangeSchema, userIdSchema } from '@/lib/auth/schemas';
import type { Ctx } from '@/lib/auth/session';
import { createTestWorkspace } from '@/lib/auth/testing';
import { hashPassword } from '@/lib/secrets/password';
import { changeOwnPassword, changeUserRole, inviteWorkspaceUser, makePasswordResetLink, setUserDisabled } from './users';

// What Settings › Users and Your account answer, through the same wrapper the pages' actions use.
describe('user and account messages', () => {
  let handle: DatabaseHandle;
  let admin: Ctx;
  const deps = (ctx: Ctx): ActionDeps => ({ context: async () => ctx, revalidate: () => undefined, rethrow: () => undefined, logUnexpected: () => undefined });
  beforeAll(async () => {
    handle = await createTestDatabase('pglite');
    admin = await createTestWorkspace(handle.db, 'Voice', await hashPassword('Current-pass-42'));
  });
  afterAll(async () => { await handle.close(); });

  it('say what to enter or choose, beside the field', async () => {
    const result = await runAction(deps(admin), { schema: inviteUserSchema, run: inviteWorkspaceUser }, { email: 'not-an-email', name: ' ', role: 'owner' });
    expect(result).toMatchObject({ ok: false, fieldErrors: {
      email: ['Enter a valid email address, like name@company.com.'], name: ['Enter a name.'], role: ['Choose admin or member.'],
    } });
  });

  it('refuse a taken email and a wrong current password in words', async () => {
    const taken = await runAction(deps(admin), { schema: inviteUserSchema, run: inviteWorkspaceUser }, { email: admin.user.email, name: 'Twin', role: 'member' });
    expect(taken).toMatchObject({ ok: false, message: `${admin.user.email} already has an account. Use another email.`, fieldErrors: { email: ['This email already has an account.'] } });
    const wrong = await runAction(deps(admin), { schema: changeOwnPasswordSchema, run: changeOwnPassword }, { currentPassword: 'Not-it-4242', newPassword: 'Brand-new-pass-42' });
    expect(wrong).toMatchObject({ ok: false, message: 'Your current password is wrong.', fieldErrors: { currentPassword: ['Enter the password you signed in with.'] } });
  });

  it('answer a user that is not there with what to do, not an identifier', async () => {
    const bad = await runAction(deps(admin), { schema: userIdSchema, run: makePasswordResetLink }, { userId: 'u-00001' });
    // The id is a hidden field, so the message says it too: a button's form shows only the message.
    expect(bad).toMatchObject({ ok: false, message: 'That user was not found. Reload the page and try again.', fieldErrors: { userId: ['That user was not found. Reload the page and try again.'] } });
  });
  it('do not count an invited admin who has not set a password as the admin who keeps the workspace', async () => {
    const ws = await createTestWorkspace(handle.db, 'Last admin');
    const invitedAdmin = await inviteWorkspaceUser(ws, { name: 'Ida Invited', email: 'ida@last.test', role: 'admin' });
    // Ida cannot sign in yet, so she does not let the only admin who can step down; she herself may be disabled.
    const demote = await runAction(deps(ws), { schema: roleChangeSchema, run: changeUserRole }, { userId: ws.user.userId, role: 'member' });
    expect(demote).toMatchObject({ ok: false, message: 'A workspace needs at least one enabled admin. Make someone else an admin first.' });
    expect(await setUserDisabled(ws, { userId: invitedAdmin.id, disabled: true })).toEqual({ email: 'ida@last.test', disabled: true });
  });
});
