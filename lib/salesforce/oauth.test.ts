import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { RunningSalesforceEmulator } from '@/emulators/salesforce';
import { selectRows, type DatabaseHandle } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { createTestWorkspace } from '@/lib/auth/testing';
import { addMember } from '@/db/queries/users';
import { listAudit } from '@/db/queries/audit';
import { getSalesforceAccount, listSalesforceAccounts } from '@/db/queries/salesforce-accounts';
import type { SessionUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { decryptSecret } from '@/lib/secrets/cipher';
import { beginConnect, callbackHostProblem, completeConnect, OAUTH_ATTEMPT_TTL_MS } from './oauth';
import { disconnectAccount } from './disconnect';
import type { SalesforceSettings } from './settings';
import { authorizeAs, startTestSalesforce } from './testing';

const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof AppError ? e.code : String(e)));

describe('connecting Salesforce accounts (OAuth web server flow against the emulator)', () => {
  let emulator: RunningSalesforceEmulator;
  let handle: DatabaseHandle;
  let settings: SalesforceSettings;
  let admin: SessionUser;
  let member: SessionUser;
  let otherAdmin: SessionUser;

  async function connect(user: SessionUser, username: string, password = 'demo-admin-1', decision: 'allow' | 'deny' = 'allow') {
    const url = await beginConnect(handle.db, user, settings, { environment: 'sandbox' });
    const params = await authorizeAs(url, username, password, decision);
    return { params, outcome: await completeConnect(handle.db, user, settings, params) };
  }
  const accountCount = async () => (await selectRows<{ n: number }>(handle.db, sql`select count(*)::int as n from salesforce_accounts`))[0].n;

  beforeAll(async () => {
    ({ emulator, settings } = await startTestSalesforce());
    handle = await createTestDatabase('pglite');
    admin = (await createTestWorkspace(handle.db, 'A')).user;
    const m = (await addMember(handle.db, { workspaceId: admin.workspaceId, email: 'm@a.test', name: 'M', passwordHash: 'x', role: 'member' }))!;
    member = { ...admin, userId: m.id, role: 'member', email: 'm@a.test' };
    otherAdmin = (await createTestWorkspace(handle.db, 'B')).user;
  });
  afterAll(async () => {
    await handle.close();
    await emulator.close();
  });
  beforeEach(async () => {
    await handle.db.execute(sql`delete from salesforce_accounts`);
  });

  it('connects an admin user, storing only sealed tokens, and reconnecting updates the same account', async () => {
    const { outcome } = await connect(admin, 'admin@sandbox.demo');
    expect(outcome).toMatchObject({ ok: true, created: true, username: 'admin@sandbox.demo' });
    const [account] = await listSalesforceAccounts(handle.db, admin.workspaceId);
    expect(account).toMatchObject({ environment: 'sandbox', orgId: emulator.orgs.sandbox.orgId, status: 'connected', connectedByEmail: 'admin@a.test' });
    expect(account.instanceUrl).toBe(emulator.orgs.sandbox.instanceUrl);
    expect(account.orgName).toBe('Demo Sandbox');

    const refreshToken = decryptSecret(account.refreshTokenSealed);
    const accessToken = decryptSecret(account.accessTokenSealed);
    expect(emulator.control.refreshTokenStatus(refreshToken)).toEqual({ known: true, revoked: false });
    const raw = JSON.stringify(await selectRows(handle.db, sql`select * from salesforce_accounts`));
    expect(raw).not.toContain(refreshToken);
    expect(raw).not.toContain(accessToken);

    const again = await connect(admin, 'admin@sandbox.demo');
    expect(again.outcome).toMatchObject({ ok: true, created: false });
    expect(await accountCount()).toBe(1);
    const audit = await listAudit(handle.db, admin.workspaceId, { targetType: 'salesforce_account' });
    expect(audit.map((e) => e.action).sort()).toEqual(['salesforce.connect', 'salesforce.reconnect']);
  });

  it('refuses a user without Modify All Data, naming the permission, stores nothing and revokes what it got', async () => {
    const callsBefore = emulator.control.tokenCalls();
    const { outcome } = await connect(admin, 'standard@sandbox.demo', 'demo-standard-1');
    expect(outcome).toMatchObject({ ok: false, status: 403 });
    expect(outcome.ok ? '' : outcome.message).toContain('does not have the “Modify All Data” permission');
    expect(await accountCount()).toBe(0);
    expect(emulator.control.tokenCalls()).toBeGreaterThan(callsBefore);
  });

  it('explains a denied consent and stores nothing', async () => {
    const { outcome } = await connect(admin, 'admin@sandbox.demo', 'demo-admin-1', 'deny');
    expect(outcome).toEqual({ ok: false, status: 400, message: expect.stringContaining('Salesforce access was denied') });
    expect(await accountCount()).toBe(0);
  });

  it('answers 400 and stores nothing for a missing, forged, replayed, expired or foreign state', async () => {
    const url = await beginConnect(handle.db, admin, settings, { environment: 'sandbox' });
    const params = await authorizeAs(url, 'admin@sandbox.demo', 'demo-admin-1');
    const without = new URLSearchParams(params);
    without.delete('state');
    expect(await completeConnect(handle.db, admin, settings, without)).toMatchObject({ ok: false, status: 400, message: expect.stringContaining('without the sign-in’s reference') });
    const forged = new URLSearchParams(params);
    forged.set('state', 'forged-state');
    expect(await completeConnect(handle.db, admin, settings, forged)).toMatchObject({ ok: false, status: 400, message: expect.stringContaining('was not started here') });
    // Another user of DIC cannot complete someone else's attempt, nor spoil it by trying first.
    expect(await completeConnect(handle.db, member, settings, params)).toMatchObject({ ok: false, status: 400, message: expect.stringContaining('started by another user or session') });
    // A browser not signed in at APP_URL (it started on 127.0.0.1, say) is told which address to use.
    const appUrl = new URL(settings.redirectUri).origin;
    expect(await completeConnect(handle.db, null, settings, params)).toMatchObject({ ok: false, status: 400, message: expect.stringContaining(`not signed in at ${appUrl}`) });
    expect(await completeConnect(handle.db, admin, settings, params)).toMatchObject({ ok: true });
    expect(await completeConnect(handle.db, admin, settings, params)).toMatchObject({ ok: false, status: 400, message: expect.stringContaining('already used') });
    await handle.db.execute(sql`delete from salesforce_accounts`);

    const late = await beginConnect(handle.db, admin, settings, { environment: 'sandbox' });
    const lateParams = await authorizeAs(late, 'admin@sandbox.demo', 'demo-admin-1');
    const future = new Date(Date.now() + OAUTH_ATTEMPT_TTL_MS + 1000);
    expect(await completeConnect(handle.db, admin, settings, lateParams, future)).toMatchObject({ ok: false, status: 400, message: expect.stringContaining('expired') });
    expect(await accountCount()).toBe(0);
  });

  it('a callback opened on another address than APP_URL names APP_URL and the address to use', () => {
    const app = { redirectUri: 'http://localhost:3000/api/salesforce/callback' };
    expect(callbackHostProblem('localhost:3000', app)).toBeNull();
    expect(callbackHostProblem('127.0.0.1:3000', app)).toBe(
      "This page was opened at 127.0.0.1:3000, but DIC's address (APP_URL) is http://localhost:3000. Open DIC at http://localhost:3000, " +
      'sign in there and click “+ Add Account” again; or, if DIC really lives at the other address, set APP_URL to it and restart DIC.');
  });

  it('lets only admins connect and disconnect, and never across workspaces', async () => {
    expect(await code(beginConnect(handle.db, member, settings, { environment: 'sandbox' }))).toBe('FORBIDDEN');
    const { outcome } = await connect(admin, 'admin@sandbox.demo');
    const id = outcome.ok ? outcome.accountId : '';
    expect(await code(disconnectAccount(handle.db, member, settings, id))).toBe('FORBIDDEN');
    expect(await listSalesforceAccounts(handle.db, otherAdmin.workspaceId)).toEqual([]);
    expect(await getSalesforceAccount(handle.db, otherAdmin.workspaceId, id)).toBeNull();
    expect(await code(disconnectAccount(handle.db, otherAdmin, settings, id))).toBe('NOT_FOUND');
    expect(await accountCount()).toBe(1);
  });

  it('disconnect revokes the refresh token at Salesforce and deletes the account, even when already revoked', async () => {
    const first = await connect(admin, 'admin@sandbox.demo');
    const account = (await getSalesforceAccount(handle.db, admin.workspaceId, first.outcome.ok ? first.outcome.accountId : ''))!;
    const token = decryptSecret(account.refreshTokenSealed);
    expect(await disconnectAccount(handle.db, admin, settings, account.id)).toMatchObject({ revoke: 'revoked' });
    expect((await listAudit(handle.db, admin.workspaceId, { action: 'salesforce.disconnect' }))[0].summary).toContain('token revoked at Salesforce');
    expect(emulator.control.refreshTokenStatus(token)).toEqual({ known: true, revoked: true });
    expect(await accountCount()).toBe(0);

    const second = await connect(admin, 'admin@sandbox.demo');
    const id = second.outcome.ok ? second.outcome.accountId : '';
    emulator.control.revokeTokens();
    expect(await disconnectAccount(handle.db, admin, settings, id)).toMatchObject({ revoke: 'already invalid' });
    expect(await accountCount()).toBe(0);
  });
});
