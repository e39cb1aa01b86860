import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSalesforceEmulator } from '@/emulators/salesforce';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { createTestWorkspace } from '@/lib/auth/testing';
import { getSalesforceAccount, markNeedsReconnect } from '@/db/queries/salesforce-accounts';
import type { SessionUser } from '@/lib/auth/session';
import { decryptSecret } from '@/lib/secrets/cipher';
import { getConnection, refreshAccountToken } from './connection';
import { beginConnect, completeConnect } from './oauth';
import type { SalesforceSettings } from './settings';
import { authorizeAs, startTestSalesforce } from './testing';


describe.each(testDatabaseKinds)('getConnection: token refresh on %s', (kind) => {
  let emulator: RunningSalesforceEmulator;
  let handle: DatabaseHandle;
  let settings: SalesforceSettings;
  let admin: SessionUser;

  async function connectAccount(): Promise<string> {
    const url = await beginConnect(handle.db, admin, settings, { environment: 'sandbox' });
    const outcome = await completeConnect(handle.db, admin, settings, await authorizeAs(url, 'admin@sandbox.demo', 'demo-admin-1'));
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.accountId;
  }

  beforeAll(async () => {
    ({ emulator, settings } = await startTestSalesforce());
    handle = await createTestDatabase(kind);
    admin = (await createTestWorkspace(handle.db, 'A')).user;
  });
  afterAll(async () => {
    await handle.close();
    await emulator.close();
  });

  it('renews an expired session once for concurrent callers and keeps the new token', async () => {
    const id = await connectAccount();
    const before = (await getSalesforceAccount(handle.db, admin.workspaceId, id))!;
    const [c1, c2] = await Promise.all([1, 2].map(() => getConnection(handle.db, settings, admin.workspaceId, id)));
    emulator.control.expireAccessTokens();
    const calls = emulator.control.tokenCalls();
    const results = await Promise.all([c1, c2, c1].map((c) => c.query<{ Id: string }>('SELECT Id FROM Lead LIMIT 1')));
    expect(results.every((r) => r.records.length === 1)).toBe(true);
    expect(emulator.control.tokenCalls() - calls).toBe(1);
    const after = (await getSalesforceAccount(handle.db, admin.workspaceId, id))!;
    expect(decryptSecret(after.accessTokenSealed)).not.toBe(decryptSecret(before.accessTokenSealed));
    expect(after.refreshedAt).not.toBeNull();
    // A connection made later starts from the stored, renewed token: no further token call.
    await (await getConnection(handle.db, settings, admin.workspaceId, id)).query('SELECT Id FROM Lead LIMIT 1');
    expect(emulator.control.tokenCalls() - calls).toBe(1);
  });

  it('persists a rotated refresh token before using the new session', async () => {
    const id = await connectAccount();
    emulator.control.setRefreshTokenRotation(true);
    try {
      const oldRefresh = decryptSecret((await getSalesforceAccount(handle.db, admin.workspaceId, id))!.refreshTokenSealed);
      emulator.control.expireAccessTokens();
      await (await getConnection(handle.db, settings, admin.workspaceId, id)).query('SELECT Id FROM Lead LIMIT 1');
      const newRefresh = decryptSecret((await getSalesforceAccount(handle.db, admin.workspaceId, id))!.refreshTokenSealed);
      expect(newRefresh).not.toBe(oldRefresh);
      expect(emulator.control.refreshTokenStatus(oldRefresh).revoked).toBe(true);
      expect(emulator.control.refreshTokenStatus(newRefresh)).toEqual({ known: true, revoked: false });
      // The stored token really works for the next renewal.
      emulator.control.expireAccessTokens();
      await (await getConnection(handle.db, settings, admin.workspaceId, id)).query('SELECT Id FROM Lead LIMIT 1');
    } finally {
      emulator.control.setRefreshTokenRotation(false);
    }
  });

  it('marks the account "needs reconnect" when Salesforce refuses the refresh, and says so on later use', async () => {
    const id = await connectAccount();
    const refresh = decryptSecret((await getSalesforceAccount(handle.db, admin.workspaceId, id))!.refreshTokenSealed);
    emulator.control.revokeTokens(refresh);
    emulator.control.expireAccessTokens();
    const conn = await getConnection(handle.db, settings, admin.workspaceId, id);
    await expect(conn.query('SELECT Id FROM Lead LIMIT 1')).rejects.toThrow(/Salesforce refused to renew the session of admin@sandbox.demo/);
    const account = (await getSalesforceAccount(handle.db, admin.workspaceId, id))!;
    expect(account.status).toBe('needs_reconnect');
    expect(account.statusMessage).toContain('click Reconnect');
    await expect(getConnection(handle.db, settings, admin.workspaceId, id)).rejects.toThrow(/click Reconnect/);

    // Reconnecting the same org and user brings the account back.
    await connectAccount();
    expect((await getSalesforceAccount(handle.db, admin.workspaceId, id))!.status).toBe('connected');
  });

  it('keeps another workspace out: it can neither use, renew nor mark the account', async () => {
    const id = await connectAccount();
    const other = (await createTestWorkspace(handle.db, 'Other')).user;
    await expect(getConnection(handle.db, settings, other.workspaceId, id)).rejects.toThrow(/was not found in your workspace/);
    await expect(refreshAccountToken(handle.db, settings, other.workspaceId, id, undefined)).rejects.toThrow(/was not found in your workspace/);
    await markNeedsReconnect(handle.db, other.workspaceId, id, 'not yours');
    expect((await getSalesforceAccount(handle.db, admin.workspaceId, id))!.status).toBe('connected');
  });
});
