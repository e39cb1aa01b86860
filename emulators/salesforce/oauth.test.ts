import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CALLBACK_URL, type RunningSalesforceEmulator, startSalesforceEmulator } from './index';
import { authorizeInBrowser, connectAdmin, connectStandard, oauthConfig } from './testing';

let em: RunningSalesforceEmulator;

beforeAll(async () => {
  em = await startSalesforceEmulator({ port: 0 });
});
afterAll(async () => {
  await em.close();
});

describe('OAuth web server flow with jsforce', () => {
  it('logs in with PKCE, echoes state, and gives an id URL jsforce parses', async () => {
    const oauth2 = new jsforce.OAuth2({ ...oauthConfig(em, 'sandbox'), useVerifier: true });
    const url = oauth2.getAuthorizationUrl({ state: 'xyz-123' });
    expect(url).toContain('code_challenge=');
    const callback = await authorizeInBrowser(url, 'admin@sandbox.demo', 'demo-admin-1');
    expect(callback.origin + callback.pathname).toBe(DEFAULT_CALLBACK_URL);
    expect(callback.searchParams.get('state')).toBe('xyz-123');
    const token = await oauth2.requestToken(callback.searchParams.get('code')!);
    expect(token.token_type).toBe('Bearer');
    expect(token.instance_url).toBe(em.orgs.sandbox.instanceUrl);
    expect(token.id).toMatch(new RegExp(`^${em.orgs.sandbox.loginUrl}/id/${em.orgs.sandbox.orgId}/005`));
    expect(token.issued_at).toMatch(/^\d{13}$/);

    const conn = new jsforce.Connection({ oauth2, instanceUrl: token.instance_url, accessToken: token.access_token, refreshToken: token.refresh_token });
    const identity = await conn.identity();
    expect(identity.username).toBe('admin@sandbox.demo');
    expect(identity.organization_id).toBe(em.orgs.sandbox.orgId);
  });

  it('conn.authorize(code) sets userInfo from the id URL', async () => {
    const conn = await connectAdmin(em, 'production');
    expect(conn.userInfo?.organizationId).toBe(em.orgs.production.orgId);
    expect(conn.userInfo?.id).toMatch(/^005/);
    expect(conn.instanceUrl).toBe(em.orgs.production.instanceUrl);
  });

  it('refuses a wrong PKCE verifier with invalid_grant', async () => {
    const sender = new jsforce.OAuth2({ ...oauthConfig(em, 'sandbox'), useVerifier: true });
    const callback = await authorizeInBrowser(sender.getAuthorizationUrl({ state: 's' }), 'admin@sandbox.demo', 'demo-admin-1');
    const other = new jsforce.OAuth2({ ...oauthConfig(em, 'sandbox'), useVerifier: true });
    await expect(other.requestToken(callback.searchParams.get('code')!)).rejects.toMatchObject({ name: 'invalid_grant', message: 'invalid code verifier' });
  });

  it('makes codes single-use', async () => {
    const oauth2 = new jsforce.OAuth2(oauthConfig(em, 'sandbox'));
    const callback = await authorizeInBrowser(oauth2.getAuthorizationUrl({}), 'standard@sandbox.demo', 'demo-standard-1');
    const code = callback.searchParams.get('code')!;
    await oauth2.requestToken(code);
    await expect(oauth2.requestToken(code)).rejects.toMatchObject({ name: 'invalid_grant' });
  });

  it('redirects with access_denied when the user denies', async () => {
    const oauth2 = new jsforce.OAuth2(oauthConfig(em, 'sandbox'));
    const callback = await authorizeInBrowser(oauth2.getAuthorizationUrl({ state: 'st' }), 'admin@sandbox.demo', 'demo-admin-1', 'deny');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('error_description')).toBeTruthy();
    expect(callback.searchParams.get('state')).toBe('st');
    expect(callback.searchParams.get('code')).toBeNull();
  });

  it('shows the login page again on a wrong password', async () => {
    const oauth2 = new jsforce.OAuth2(oauthConfig(em, 'sandbox'));
    await expect(authorizeInBrowser(oauth2.getAuthorizationUrl({}), 'admin@sandbox.demo', 'wrong')).rejects.toThrow(/check your username and password/);
  });

  it('shows an error page (no redirect) for a callback that is not allowed', async () => {
    const oauth2 = new jsforce.OAuth2({ ...oauthConfig(em, 'sandbox'), redirectUri: 'http://evil.example/cb' });
    const res = await fetch(oauth2.getAuthorizationUrl({}), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('redirect_uri_mismatch');
  });

  it('rejects a wrong client secret with invalid_client', async () => {
    const oauth2 = new jsforce.OAuth2(oauthConfig(em, 'sandbox'));
    const callback = await authorizeInBrowser(oauth2.getAuthorizationUrl({}), 'admin@sandbox.demo', 'demo-admin-1');
    const bad = new jsforce.OAuth2({ ...oauthConfig(em, 'sandbox'), clientSecret: 'nope' });
    await expect(bad.requestToken(callback.searchParams.get('code')!)).rejects.toMatchObject({ name: 'invalid_client' });
  });
});

describe('sessions and refresh', () => {
  it('refreshes an expired session and retries the call automatically', async () => {
    const conn = await connectAdmin(em);
    const before = conn.accessToken;
    const refreshed: string[] = [];
    conn.on('refresh', (token: string) => refreshed.push(token));
    const calls = em.control.tokenCalls();
    expect(em.control.expireAccessTokens('sandbox')).toBeGreaterThan(0);
    const result = await conn.query('SELECT Id FROM Lead LIMIT 1');
    expect(result.records).toHaveLength(1);
    expect(refreshed).toHaveLength(1);
    expect(conn.accessToken).not.toBe(before);
    expect(em.control.tokenCalls()).toBe(calls + 1);
  });

  it('surfaces a refused refresh (revoked refresh token) as invalid_grant', async () => {
    const conn = await connectAdmin(em);
    em.control.revokeTokens(conn.refreshToken!);
    expect(em.control.refreshTokenStatus(conn.refreshToken!)).toEqual({ known: true, revoked: true });
    // jsforce wraps the token endpoint's invalid_grant description in its own refresh error.
    await expect(conn.query('SELECT Id FROM Lead LIMIT 1')).rejects.toThrow('Unable to refresh session due to: expired access/refresh token');
    await expect(conn.oauth2.refreshToken(conn.refreshToken!)).rejects.toMatchObject({ name: 'invalid_grant', message: 'expired access/refresh token' });
  });

  it('rotates refresh tokens when the connected app says so', async () => {
    em.control.setRefreshTokenRotation(true);
    try {
      const conn = await connectAdmin(em);
      const old = conn.refreshToken!;
      let rotated: string | undefined;
      conn.on('refresh', (_t: string, res: { refresh_token?: string }) => { rotated = res.refresh_token; });
      em.control.expireAccessTokens();
      await conn.query('SELECT Id FROM Lead LIMIT 1');
      expect(rotated).toBeTruthy();
      expect(rotated).not.toBe(old);
      expect(em.control.refreshTokenStatus(old).revoked).toBe(true);
      expect(em.control.refreshTokenStatus(rotated!).revoked).toBe(false);
    } finally {
      em.control.setRefreshTokenRotation(false);
    }
  });

  it('answers without a refresh token when rotation is off', async () => {
    const conn = await connectAdmin(em);
    const res = await conn.oauth2.refreshToken(conn.refreshToken!);
    expect(res.access_token).toBeTruthy();
    expect(res.refresh_token).toBeUndefined();
  });

  it('revokes a refresh token, killing its access tokens', async () => {
    const conn = await connectStandard(em);
    await conn.oauth2.revokeToken(conn.refreshToken!);
    expect(em.control.refreshTokenStatus(conn.refreshToken!).revoked).toBe(true);
    const raw = await fetch(`${em.orgs.sandbox.instanceUrl}/services/data/v60.0/limits`, { headers: { Authorization: `Bearer ${conn.accessToken}` } });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });

  it('answers 400 invalid_token for an unknown token on revoke', async () => {
    const oauth2 = new jsforce.OAuth2(oauthConfig(em, 'sandbox'));
    await expect(oauth2.revokeToken('not-a-token')).rejects.toMatchObject({ name: 'invalid_token' });
  });

  it('keeps orgs apart: a sandbox token is refused by the production instance', async () => {
    const conn = await connectAdmin(em, 'sandbox');
    const res = await fetch(`${em.orgs.production.instanceUrl}/services/data/v60.0/limits`, { headers: { Authorization: `Bearer ${conn.accessToken}` } });
    expect(res.status).toBe(401);
  });
});

describe('permissions of the connected user', () => {
  it('answers UserPermissionAccess for the session user', async () => {
    const admin = await connectAdmin(em);
    const standard = await connectStandard(em);
    const soql = 'SELECT PermissionsModifyAllData FROM UserPermissionAccess';
    expect((await admin.query<{ PermissionsModifyAllData: boolean }>(soql)).records[0].PermissionsModifyAllData).toBe(true);
    expect((await standard.query<{ PermissionsModifyAllData: boolean }>(soql)).records[0].PermissionsModifyAllData).toBe(false);
  });

  it('lists API versions at /services/data/', async () => {
    const res = await fetch(`${em.orgs.sandbox.instanceUrl}/services/data/`);
    const versions = await res.json() as Array<{ version: string; url: string; label: string }>;
    expect(versions.find((v) => v.version === '60.0')).toEqual({ version: '60.0', url: '/services/data/v60.0', label: "Spring '24" });
  });
});

describe('lifetimes on a controlled clock', () => {
  let clock = Date.UTC(2025, 5, 1);
  let timed: RunningSalesforceEmulator;
  beforeAll(async () => {
    timed = await startSalesforceEmulator({ now: () => clock, accessTokenTtlSeconds: 60 });
  });
  afterAll(async () => {
    await timed.close();
  });

  it('expires authorization codes after 15 minutes', async () => {
    const oauth2 = new jsforce.OAuth2(oauthConfig(timed, 'sandbox'));
    const callback = await authorizeInBrowser(oauth2.getAuthorizationUrl({}), 'admin@sandbox.demo', 'demo-admin-1');
    clock += 15 * 60_000 + 1;
    await expect(oauth2.requestToken(callback.searchParams.get('code')!)).rejects.toMatchObject({ name: 'invalid_grant', message: 'expired authorization code' });
  });

  it('counts the API allowance over a rolling 24 hours', async () => {
    const conn = await connectAdmin(timed);
    const { max } = timed.control.apiUsage('sandbox', { used: 0 });
    timed.control.apiUsage('sandbox', { used: max });
    await expect(conn.query('SELECT Id FROM Lead LIMIT 1')).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    clock += 23 * 3_600_000;
    await expect(conn.query('SELECT Id FROM Lead LIMIT 1')).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    clock += 3_600_000;
    const ok = await conn.query('SELECT Id FROM Lead LIMIT 1');
    expect(ok.records).toHaveLength(1);
    expect(conn.limitInfo.apiUsage).toEqual({ used: 1, limit: max });
  });

  it('expires access tokens after the session timeout and refreshes them', async () => {
    const conn = await connectAdmin(timed);
    const calls = timed.control.tokenCalls();
    await conn.query('SELECT Id FROM Lead LIMIT 1');
    clock += 61_000;
    const raw = await fetch(`${timed.orgs.sandbox.instanceUrl}/services/data/v60.0/limits`, { headers: { Authorization: `Bearer ${conn.accessToken}` } });
    expect(raw.status).toBe(401);
    await conn.query('SELECT Id FROM Lead LIMIT 1');
    expect(timed.control.tokenCalls()).toBe(calls + 1);
  });
});
