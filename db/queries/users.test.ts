import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, testDatabaseKinds } from '../testing';
import { selectRows, type DatabaseHandle } from '../client';
import { createWorkspaceWithAdmin, needsFirstRunSetup } from './workspaces';
import { NO_PASSWORD_YET } from '../schema';
import { replacePasswordLink, consumePasswordLink } from './password-links';
import { addMember, getMember, listMembers, setMemberDisabled, setMemberRole, setPasswordHash, findUserWithMembership } from './users';

describe.each(testDatabaseKinds)('users and workspaces on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => { handle = await createTestDatabase(kind); });
  afterAll(async () => { await handle.close(); });

  it('allows first-run setup exactly once, even when two requests race', async () => {
    expect(await needsFirstRunSetup(handle.db)).toBe(true);
    const attempts = await Promise.all([1, 2].map((i) => createWorkspaceWithAdmin(handle.db, {
      workspaceName: `Acme ${i}`, email: `first${i}@acme.test`, name: 'First', passwordHash: 'x', onlyIfNoUsers: true,
    })));
    expect(attempts.filter(Boolean)).toHaveLength(1);
    expect(await needsFirstRunSetup(handle.db)).toBe(false);
  });

  it('keeps each workspace to its own users', async () => {
    const a = (await createWorkspaceWithAdmin(handle.db, { workspaceName: 'A', email: 'admin@a.test', name: 'A', passwordHash: 'x' }))!;
    const b = (await createWorkspaceWithAdmin(handle.db, { workspaceName: 'B', email: 'admin@b.test', name: 'B', passwordHash: 'x' }))!;
    const member = await addMember(handle.db, { workspaceId: a.workspace.id, email: 'm@a.test', name: 'M', passwordHash: 'x', role: 'member' });
    expect(member).not.toBeNull();
    expect((await listMembers(handle.db, b.workspace.id)).map((m) => m.email)).toEqual(['admin@b.test']);
    expect(await getMember(handle.db, b.workspace.id, member!.id)).toBeNull();
    // Changes aimed at another workspace's user do nothing.
    expect(await setMemberRole(handle.db, b.workspace.id, member!.id, 'admin')).toBe(false);
    expect(await setMemberDisabled(handle.db, b.workspace.id, member!.id, true)).toBe(false);
    expect(await setPasswordHash(handle.db, b.workspace.id, member!.id, 'y')).toBe(false);
    expect((await getMember(handle.db, a.workspace.id, member!.id))!.role).toBe('member');
  });

  it('refuses a second user with the same email in any case', async () => {
    const a = (await createWorkspaceWithAdmin(handle.db, { workspaceName: 'C', email: 'dup@c.test', name: 'C', passwordHash: 'x' }))!;
    expect(await addMember(handle.db, { workspaceId: a.workspace.id, email: 'DUP@c.test', name: 'D', passwordHash: 'x', role: 'member' })).toBeNull();
  });

  it('ends sessions by bumping the session version on disable and password change', async () => {
    const a = (await createWorkspaceWithAdmin(handle.db, { workspaceName: 'D', email: 'sv@d.test', name: 'S', passwordHash: 'x' }))!;
    const before = (await findUserWithMembership(handle.db, a.user.id))!.user.sessionVersion;
    await setPasswordHash(handle.db, a.workspace.id, a.user.id, 'new');
    await setMemberDisabled(handle.db, a.workspace.id, a.user.id, true);
    const after = (await findUserWithMembership(handle.db, a.user.id))!.user;
    expect(after.sessionVersion).toBe(before + 2);
    expect(after.disabledAt).not.toBeNull();
    const [{ n }] = await selectRows<{ n: number }>(handle.db, sql`select count(*)::int as n from users where password_hash = 'new'`);
    expect(n).toBe(1);
  });
  it('tells an invited user who has not set a password from one who has, with the expiry of the link they hold', async () => {
    const a = (await createWorkspaceWithAdmin(handle.db, { workspaceName: 'E', email: 'admin@e.test', name: 'E', passwordHash: 'x' }))!;
    const invited = (await addMember(handle.db, { workspaceId: a.workspace.id, email: 'ivy@e.test', name: 'Ivy', passwordHash: NO_PASSWORD_YET, role: 'member' }))!;
    expect(invited).toMatchObject({ passwordSet: false, linkExpiresAt: null });
    const expiresAt = new Date('2030-01-08T09:30:00Z');
    await replacePasswordLink(handle.db, { workspaceId: a.workspace.id, userId: invited.id, purpose: 'invite', tokenHash: 'h-ivy', createdBy: a.user.id, expiresAt });
    const listed = await listMembers(handle.db, a.workspace.id);
    expect(listed.map((m) => [m.email, m.passwordSet, m.linkExpiresAt?.toISOString() ?? null])).toEqual([
      ['admin@e.test', true, null], ['ivy@e.test', false, expiresAt.toISOString()],
    ]);
    // A used link is no longer one they hold.
    await consumePasswordLink(handle.db, 'h-ivy', new Date('2030-01-01T00:00:00Z'));
    await setPasswordHash(handle.db, a.workspace.id, invited.id, 'set');
    expect(await getMember(handle.db, a.workspace.id, invited.id)).toMatchObject({ passwordSet: true, linkExpiresAt: null });
  });
});
