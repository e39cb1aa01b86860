import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { listAudit } from '@/db/queries/audit';
import { createWorkspaceWithAdmin } from '@/db/queries/workspaces';
import { setMemberDisabled } from '@/db/queries/users';
import { hashPassword } from '@/lib/secrets/password';
import { SIGN_IN_LIMIT, authenticate } from './authenticate';

const refusal = (p: Promise<unknown>) => p.then(() => 'signed in', (e: { code?: string }) => e.code);

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

  it('refuses a disabled user with its own message', async () => {
    const other = (await createWorkspaceWithAdmin(handle.db, {
      workspaceName: 'V', email: 'eve@v.test', name: 'Eve', passwordHash: await hashPassword('Right-password-2'),
    }))!;
    await setMemberDisabled(handle.db, other.workspace.id, other.user.id, true);
    expect(await refusal(authenticate(handle.db, { email: 'eve@v.test', password: 'Right-password-2', ip: '10.0.0.5' }))).toBe('disabled');
  });
});
