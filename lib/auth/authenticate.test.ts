import crypto from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { listAudit } from '@/db/queries/audit';
import { createWorkspaceWithAdmin } from '@/db/queries/workspaces';
import { setMemberDisabled } from '@/db/queries/users';
import { hashPassword } from '@/lib/secrets/password';
import { inviteWorkspaceUser, makePasswordResetLink } from '@/lib/dal/users';
import { setPasswordWithLink } from './password-links';
import { SIGN_IN_LIMIT, authenticate, signInMessage } from './authenticate';

const refusal = (p: Promise<unknown>) => p.then(() => 'signed in', (e: { code?: string }) => e.code);
const refusalMessage = (p: Promise<unknown>) => p.then(() => 'signed in', (e: { wireCode: string }) => signInMessage(e.wireCode));

describe.each(testDatabaseKinds)('sign-in checks on %s', (kind) => {
  let handle: DatabaseHandle;
  let workspaceId: string;
  let userId: string;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    const created = (await createWorkspaceWithAdmin(handle.db, {
      workspaceName: 'W', email: 'Dana@W.test', name: 'Dana', passwordHash: await hashPassword('Right-password-1'),
    }))!;
    workspaceId = created.workspace.id;
    userId = created.user.id;
  });
  afterAll(async () => { await handle.close(); });

  it('signs in with any case of the email and records it in the audit log', async () => {
    const user = await authenticate(handle.db, { email: ' dana@w.TEST ', password: 'Right-password-1', ip: '10.0.0.1' });
    expect(user).toMatchObject({ id: userId, workspaceId, sessionVersion: 1 });
    expect((await listAudit(handle.db, workspaceId, { action: 'sign_in' }))).toHaveLength(1);
  });

  it('refuses wrong passwords and unknown emails alike, then slows the guesser down', async () => {
    expect(await refusal(authenticate(handle.db, { email: 'nobody@w.test', password: 'x', ip: '10.0.0.2' }))).toBe('invalid');
    for (let i = 0; i < SIGN_IN_LIMIT.perEmail; i++) {
      expect(await refusal(authenticate(handle.db, { email: 'dana@w.test', password: `wrong-${i}`, ip: '10.0.0.3' }))).toBe('invalid');
    }
    // Even the right password is refused until the window passes.
    expect(await refusal(authenticate(handle.db, { email: 'dana@w.test', password: 'Right-password-1', ip: '10.0.0.4' }))).toBe('rate_limited');
  });

  it('checks at most the limit of 60 attempts sent at once for one email', async () => {
    await createWorkspaceWithAdmin(handle.db, {
      workspaceName: 'R', email: 'race@r.test', name: 'Rae', passwordHash: await hashPassword('Right-password-3'),
    });
    const outcomes = await Promise.all(Array.from({ length: 60 }, (_, i) =>
      refusal(authenticate(handle.db, { email: 'race@r.test', password: i === 59 ? 'Right-password-3' : `wrong-${i}`, ip: `10.1.0.${i}` }))));
    // Only the first few are checked against the password; the rest are refused without a check.
    expect(outcomes.filter((o) => o === 'invalid').length + outcomes.filter((o) => o === 'signed in').length).toBeLessThanOrEqual(SIGN_IN_LIMIT.perEmail);
    expect(outcomes.filter((o) => o === 'rate_limited').length).toBeGreaterThanOrEqual(60 - SIGN_IN_LIMIT.perEmail);
  });

  it('says when a locked account may try again, and a successful sign-in clears the failures', async () => {
    await createWorkspaceWithAdmin(handle.db, {
      workspaceName: 'L', email: 'lee@l.test', name: 'Lee', passwordHash: await hashPassword('Right-password-4'),
    });
    const attempt = (password: string) => authenticate(handle.db, { email: 'lee@l.test', password, ip: '10.2.0.1' });
    for (let i = 0; i < SIGN_IN_LIMIT.perEmail - 1; i++) expect(await refusal(attempt(`wrong-${i}`))).toBe('invalid');
    // Four failures, then the right password: the count starts again from zero.
    expect(await refusal(attempt('Right-password-4'))).toBe('signed in');
    for (let i = 0; i < SIGN_IN_LIMIT.perEmail; i++) expect(await refusal(attempt(`wrong-again-${i}`))).toBe('invalid');
    expect(await refusalMessage(attempt('Right-password-4')))
      .toBe('Too many failed sign-ins. Try again in 15 minutes, or ask an admin to reset your password.');
  });

  it("an admin's reset link unlocks the account once the user sets a new password", async () => {
    const created = (await createWorkspaceWithAdmin(handle.db, {
      workspaceName: 'K', email: 'kim@k.test', name: 'Kim', passwordHash: await hashPassword('Old-password-5'),
    }))!;
    for (let i = 0; i < SIGN_IN_LIMIT.perEmail; i++) await refusal(authenticate(handle.db, { email: 'kim@k.test', password: `x-${i}`, ip: '10.3.0.1' }));
    expect(await refusal(authenticate(handle.db, { email: 'kim@k.test', password: 'Old-password-5', ip: '10.3.0.1' }))).toBe('rate_limited');
    const admin = { db: handle.db, user: { userId: created.user.id, workspaceId: created.workspace.id, role: 'admin' as const, email: 'kim@k.test', name: 'Kim' } };
    const link = await makePasswordResetLink(admin, { userId: created.user.id });
    await setPasswordWithLink(handle.db, { token: new URL(link.url).pathname.split('/').pop()!, password: 'New-password-6' });
    expect(await refusal(authenticate(handle.db, { email: 'kim@k.test', password: 'New-password-6', ip: '10.3.0.2' }))).toBe('signed in');
  });

  it('records failed sign-ins of known users in their audit log', async () => {
    // Dana made five wrong guesses and was then locked out, in the tests above.
    const failed = await listAudit(handle.db, workspaceId, { action: 'sign_in_failed' });
    expect(failed.map((e) => e.summary)).toEqual(expect.arrayContaining([
      'Failed sign-in for dana@w.test: wrong password', 'Sign-in refused for dana@w.test: too many failed attempts']));
    expect(failed.every((e) => e.actorId === userId)).toBe(true);
  });

  it('refuses a disabled user with its own message', async () => {
    const other = (await createWorkspaceWithAdmin(handle.db, {
      workspaceName: 'V', email: 'eve@v.test', name: 'Eve', passwordHash: await hashPassword('Right-password-2'),
    }))!;
    await setMemberDisabled(handle.db, other.workspace.id, other.user.id, true);
    expect(await refusal(authenticate(handle.db, { email: 'eve@v.test', password: 'Right-password-2', ip: '10.0.0.5' }))).toBe('disabled');
  });

  describe('an invited user who has set no password yet', () => {
    afterEach(() => { vi.restoreAllMocks(); });

    it('is refused like a wrong password, after the same scrypt work, so the answer does not reveal the account', async () => {
      const admin = { db: handle.db, user: { userId, workspaceId, role: 'admin' as const, email: 'dana@w.test', name: 'Dana' } };
      await inviteWorkspaceUser(admin, { name: 'Ivo', email: 'ivo@w.test', role: 'member' });
      await createWorkspaceWithAdmin(handle.db, {
        workspaceName: 'P', email: 'pia@p.test', name: 'Pia', passwordHash: await hashPassword('Right-password-7'),
      });
      // Counts the key derivations each refusal performs (the real scrypt still runs), with their cost parameters.
      const scrypt = vi.spyOn(crypto, 'scrypt');
      const derivations = async (email: string) => {
        scrypt.mockClear();
        const outcome = await refusal(authenticate(handle.db, { email, password: 'Some-guess-1', ip: '10.4.0.1' }));
        return { outcome, work: scrypt.mock.calls.map((c) => [(c[2] as number), (c[3] as crypto.ScryptOptions).N, (c[3] as crypto.ScryptOptions).r]) };
      };
      const wrongPassword = await derivations('pia@p.test');
      expect(wrongPassword).toEqual({ outcome: 'invalid', work: [[32, 2 ** 15, 8]] });
      expect(await derivations('ivo@w.test')).toEqual(wrongPassword);
      expect(await derivations('nobody-at-all@w.test')).toEqual(wrongPassword);
    });
  });
});
