/**
 * The server half of OAuth: the token endpoint (authorization_code and refresh_token grants, PKCE,
 * optional refresh-token rotation) and revocation, answering errors exactly as Salesforce does.
 */
import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Emulator } from '../emulator';
import type { OrgKey } from '../model/org';
import { OAuthError, readForm, sendJson } from '../http/respond';
import { DEFAULT_SCOPE } from './authorize';
import { idToken } from './oidc';
import { pkceChallenge } from './tokens';

function checkClient(em: Emulator, form: URLSearchParams): void {
  const app = em.settings.app;
  if (form.get('client_id') !== app.clientId) throw new OAuthError(400, 'invalid_client_id', 'client identifier invalid');
  if (form.get('client_secret') !== app.clientSecret) throw new OAuthError(400, 'invalid_client', 'invalid client credentials');
}

/** The token answer, signed the way Salesforce signs it: HMAC-SHA256(id + issued_at) with the client secret. */
function tokenAnswer(em: Emulator, orgKey: OrgKey, userId: string, accessToken: string, refreshToken: string | null, issuedAt: number, scope: string, nonce: string | null): Record<string, string> {
  const id = em.idUrl(orgKey, userId);
  const issued = String(issuedAt);
  const signature = createHmac('sha256', em.settings.app.clientSecret).update(id + issued).digest('base64');
  const openid = scope.split(/\s+/).includes('openid');
  return {
    access_token: accessToken,
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
    signature,
    scope,
    ...(openid ? { id_token: idToken(em, orgKey, userId, accessToken, issuedAt, nonce) } : {}),
    instance_url: em.instanceUrl(orgKey),
    id,
    token_type: 'Bearer',
    issued_at: issued,
  };
}

function exchangeCode(em: Emulator, orgKey: OrgKey, form: URLSearchParams): Record<string, string> {
  const code = em.tokens.codes.get(form.get('code') ?? '');
  if (!code || code.used || code.orgKey !== orgKey || code.clientId !== form.get('client_id')) {
    throw new OAuthError(400, 'invalid_grant', 'invalid authorization code');
  }
  // Single use even when the rest of the request is wrong, as Salesforce burns the code on first sight.
  code.used = true;
  const now = em.now();
  if (code.expiresAt < now) throw new OAuthError(400, 'invalid_grant', 'expired authorization code');
  if (form.get('redirect_uri') !== code.redirectUri) throw new OAuthError(400, 'redirect_uri_mismatch', 'redirect_uri must match configuration');
  if (code.challenge !== null) {
    const verifier = form.get('code_verifier');
    if (!verifier || pkceChallenge(verifier) !== code.challenge) throw new OAuthError(400, 'invalid_grant', 'invalid code verifier');
  }
  const org = em.orgs[orgKey];
  const refresh = em.tokens.issueRefresh(orgKey, code.userId, code.clientId, code.scope, now);
  const access = em.tokens.issueAccess(orgKey, org.orgId, code.userId, code.clientId, refresh.token, now, em.settings.accessTokenTtlMs);
  return tokenAnswer(em, orgKey, code.userId, access.token, refresh.token, now, code.scope, code.nonce);
}

function refresh(em: Emulator, orgKey: OrgKey, form: URLSearchParams): Record<string, string> {
  const grant = em.tokens.refresh.get(form.get('refresh_token') ?? '');
  if (!grant || grant.revoked || grant.orgKey !== orgKey || grant.clientId !== form.get('client_id')) {
    throw new OAuthError(400, 'invalid_grant', 'expired access/refresh token');
  }
  const now = em.now();
  let refreshToken = grant.token;
  let answerRefresh: string | null = null;
  if (em.settings.app.rotateRefreshTokens) {
    grant.revoked = true;
    refreshToken = em.tokens.issueRefresh(orgKey, grant.userId, grant.clientId, grant.scope ?? DEFAULT_SCOPE, now).token;
    answerRefresh = refreshToken;
  }
  const org = em.orgs[orgKey];
  const access = em.tokens.issueAccess(orgKey, org.orgId, grant.userId, grant.clientId, refreshToken, now, em.settings.accessTokenTtlMs);
  return tokenAnswer(em, orgKey, grant.userId, access.token, answerRefresh, now, grant.scope ?? DEFAULT_SCOPE, null);
}

/** POST /services/oauth2/token */
export async function tokenEndpoint(em: Emulator, orgKey: OrgKey, req: IncomingMessage, res: ServerResponse): Promise<void> {
  em.tokens.tokenCalls++;
  const form = await readForm(req);
  const grantType = form.get('grant_type');
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
    throw new OAuthError(400, 'unsupported_grant_type', 'grant type not supported');
  }
  checkClient(em, form);
  const answer = grantType === 'authorization_code' ? exchangeCode(em, orgKey, form) : refresh(em, orgKey, form);
  em.onChange();
  sendJson(res, 200, answer);
}

/** POST (or GET) /services/oauth2/revoke: 200, or 400 with a form-encoded `error=invalid_token`. */
export async function revokeEndpoint(em: Emulator, req: IncomingMessage, url: URL, res: ServerResponse): Promise<void> {
  const token = req.method === 'GET' ? url.searchParams.get('token') : (await readForm(req)).get('token');
  if (!token || !em.tokens.revoke(token)) {
    const body = 'error=invalid_token&error_description=Invalid+token';
    res.writeHead(400, { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
    return;
  }
  em.onChange();
  res.writeHead(200, { 'Content-Length': 0 });
  res.end();
}
