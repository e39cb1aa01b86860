import { createHash, createPublicKey, type JsonWebKey, verify } from 'node:crypto';
import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceEmulator, startSalesforceEmulator } from './index';
import { authorizeInBrowser, oauthConfig } from './testing';

let em: RunningSalesforceEmulator;

beforeAll(async () => {
  em = await startSalesforceEmulator({ port: 0 });
});
afterAll(async () => {
  await em.close();
});

function decode(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('OpenID Connect', () => {
  it('issues a verifiable RS256 id_token whose sub matches userinfo', async () => {
    const login = em.orgs.production.loginUrl;
    const config = await (await fetch(`${login}/.well-known/openid-configuration`)).json() as { issuer: string; jwks_uri: string; userinfo_endpoint: string };
    expect(config.issuer).toBe(login);

    const oauth2 = new jsforce.OAuth2(oauthConfig(em, 'production'));
    const url = oauth2.getAuthorizationUrl({ scope: 'openid email profile refresh_token api', nonce: 'n-42', state: 's' } as Record<string, string>);
    const callback = await authorizeInBrowser(url, 'standard@production.demo', 'demo-standard-1');
    const token = await oauth2.requestToken(callback.searchParams.get('code')!) as unknown as { id_token: string; access_token: string; id: string; refresh_token: string; scope: string };
    expect(token.scope).toBe('openid email profile refresh_token api');

    const [h, p, sig] = token.id_token.split('.');
    const header = decode(h);
    const claims = decode(p);
    expect(header.alg).toBe('RS256');
    const { keys } = await (await fetch(config.jwks_uri)).json() as { keys: Array<JsonWebKey & { kid: string }> };
    const jwk = keys.find((k) => k.kid === header.kid)!;
    expect(verify('sha256', Buffer.from(`${h}.${p}`), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(sig, 'base64url'))).toBe(true);
    expect(claims).toMatchObject({ iss: login, aud: oauthConfig(em, 'production').clientId, sub: token.id, nonce: 'n-42', email: 'standard@production.demo' });
    const digest = createHash('sha256').update(token.access_token).digest();
    expect(claims.at_hash).toBe(digest.subarray(0, 16).toString('base64url'));

    const info = await (await fetch(config.userinfo_endpoint, { headers: { Authorization: `Bearer ${token.access_token}` } })).json() as { sub: string; preferred_username: string };
    expect(info.sub).toBe(claims.sub);
    expect(info.preferred_username).toBe('standard@production.demo');

    const refreshed = await oauth2.refreshToken(token.refresh_token) as unknown as { id_token?: string };
    expect(decode(refreshed.id_token!.split('.')[1]).sub).toBe(claims.sub);
  });

  it('answers no id_token without the openid scope, and 403 from userinfo for a bad token', async () => {
    const oauth2 = new jsforce.OAuth2(oauthConfig(em, 'sandbox'));
    const callback = await authorizeInBrowser(oauth2.getAuthorizationUrl({}), 'admin@sandbox.demo', 'demo-admin-1');
    const token = await oauth2.requestToken(callback.searchParams.get('code')!) as unknown as Record<string, unknown>;
    expect(token.id_token).toBeUndefined();
    const res = await fetch(`${em.orgs.sandbox.loginUrl}/services/oauth2/userinfo`, { headers: { Authorization: 'Bearer nope' } });
    expect(res.status).toBe(403);
  });
});
