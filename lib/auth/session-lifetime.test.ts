import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decode } from 'next-auth/jwt';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { createAuthSession, isAuthSessionActive, pruneAuthSessions, revokeAuthSession } from '@/db/queries/auth-sessions';
import { createTestWorkspace } from './testing';
import { SESSION_LIFETIME_SECONDS, encodeWithinLifetime } from './session-lifetime';

const secret = 'a-test-secret-of-at-least-thirty-two-characters';
const salt = 'authjs.session-token';

describe('session lifetime', () => {
  it('a cookie re-issued hours later still expires when the first one did', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = { uid: 'u', sid: 's', end: now + 600 };
    const first = await encodeWithinLifetime({ token, secret, salt, maxAge: SESSION_LIFETIME_SECONDS });
    expect((await decode({ token: first, secret, salt }))?.exp).toBe(now + 600);
    // Five minutes later a GET /api/auth/session re-issues the cookie: its end stays where it was.
    vi.useFakeTimers({ now: (now + 300) * 1000, toFake: ['Date'] });
    try {
      const later = await encodeWithinLifetime({ token, secret, salt, maxAge: SESSION_LIFETIME_SECONDS });
      expect((await decode({ token: later, secret, salt }))?.exp).toBe(now + 600);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe.each(testDatabaseKinds)('session rows on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => { handle = await createTestDatabase(kind); });
  afterAll(async () => { await handle.close(); });

  it('a session is open until signed out or past its end, and only for its own user', async () => {
    const { user } = await createTestWorkspace(handle.db, 'Sessions');
    const now = new Date();
    const sid = await createAuthSession(handle.db, user.userId, new Date(now.getTime() + 3_600_000));
    expect(await isAuthSessionActive(handle.db, sid, user.userId)).toBe(true);
    expect(await isAuthSessionActive(handle.db, sid, '00000000-0000-4000-8000-000000000000')).toBe(false);
    expect(await isAuthSessionActive(handle.db, sid, user.userId, new Date(now.getTime() + 3_600_001))).toBe(false);
    await revokeAuthSession(handle.db, sid);
    expect(await isAuthSessionActive(handle.db, sid, user.userId)).toBe(false);
    expect(await pruneAuthSessions(handle.db, new Date(now.getTime() + 60_000))).toBe(1);
  });
});
