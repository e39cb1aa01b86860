/**
 * OpenID Connect on top of the web server flow, for signing in to an app with Salesforce: discovery
 * document, JWKS, RS256-signed id_token (when the `openid` scope is granted) and userinfo. As in
 * Salesforce, the subject of both the id_token and userinfo is the user's identity URL.
 */
import { createHash, generateKeyPairSync, type KeyObject, randomUUID, sign } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Emulator } from '../emulator';
import type { OrgKey } from '../model/org';
import { sendJson } from '../http/respond';
import { bearerToken } from './identity';

interface SigningKey { privateKey: KeyObject; jwk: Record<string, unknown> }

// Generated on first use per emulator: RSA key generation costs tens of milliseconds.
const keys = new WeakMap<Emulator, SigningKey>();

function signingKey(em: Emulator): SigningKey {
  let key = keys.get(em);
  if (!key) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...pair.publicKey.export({ format: 'jwk' }), kid: randomUUID().slice(0, 8), alg: 'RS256', use: 'sig' };
    key = { privateKey: pair.privateKey, jwk };
    keys.set(em, key);
  }
  return key;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** An RS256 id_token for a user, bound to the access token through at_hash. */
export function idToken(em: Emulator, orgKey: OrgKey, userId: string, accessToken: string, issuedAt: number, nonce: string | null): string {
  const { privateKey, jwk } = signingKey(em);
  const user = em.orgs[orgKey].user(userId)!;
  const digest = createHash('sha256').update(accessToken).digest();
  const iat = Math.floor(issuedAt / 1000);
  const claims = {
    at_hash: b64url(digest.subarray(0, digest.length / 2)),
    sub: em.idUrl(orgKey, userId),
    aud: em.settings.app.clientId,
    iss: em.loginUrl(orgKey),
    exp: iat + 300,
    iat,
    auth_time: iat,
    ...(nonce ? { nonce } : {}),
    email: user.email,
    email_verified: true,
    name: `${user.firstName} ${user.lastName}`,
    preferred_username: user.username,
  };
  const header = { alg: 'RS256', kid: jwk.kid, typ: 'JWT' };
  const body = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${body}.${b64url(sign('sha256', Buffer.from(body), privateKey))}`;
}

/** GET /.well-known/openid-configuration */
export function discovery(em: Emulator, orgKey: OrgKey, res: ServerResponse): void {
  const login = em.loginUrl(orgKey);
  sendJson(res, 200, {
    issuer: login,
    authorization_endpoint: `${login}/services/oauth2/authorize`,
    token_endpoint: `${login}/services/oauth2/token`,
    revocation_endpoint: `${login}/services/oauth2/revoke`,
    userinfo_endpoint: `${login}/services/oauth2/userinfo`,
    jwks_uri: `${login}/id/keys`,
    scopes_supported: ['id', 'api', 'web', 'full', 'refresh_token', 'openid', 'profile', 'email', 'address', 'phone', 'offline_access'],
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_post'],
    code_challenge_methods_supported: ['S256'],
    claims_supported: ['active', 'address', 'email', 'email_verified', 'family_name', 'given_name', 'is_app_installed', 'language', 'locale', 'name', 'nickname', 'organization_id', 'phone_number', 'photos', 'picture', 'preferred_username', 'profile', 'sub', 'updated_at', 'urls', 'user_id', 'user_type', 'zoneinfo'],
  });
}

/** GET /id/keys */
export function jwks(em: Emulator, res: ServerResponse): void {
  sendJson(res, 200, { keys: [signingKey(em).jwk] });
}

/** GET|POST /services/oauth2/userinfo */
export function userinfo(em: Emulator, orgKey: OrgKey, req: IncomingMessage, res: ServerResponse): void {
  const token = bearerToken(req);
  const session = token ? em.tokens.session(token, em.now()) : null;
  if (!session || session.orgKey !== orgKey) {
    res.writeHead(403, { 'Content-Type': 'text/plain;charset=UTF-8' });
    res.end('Bad_OAuth_Token');
    return;
  }
  const org = em.orgs[orgKey];
  const user = org.user(session.userId)!;
  sendJson(res, 200, {
    sub: em.idUrl(orgKey, user.id),
    user_id: user.id,
    organization_id: org.orgId,
    preferred_username: user.username,
    nickname: user.username.split('@')[0],
    name: `${user.firstName} ${user.lastName}`,
    email: user.email,
    email_verified: true,
    given_name: user.firstName,
    family_name: user.lastName,
    zoneinfo: 'Etc/UTC',
    active: true,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: 0,
    updated_at: '2024-01-01T00:00:00Z',
  });
}
