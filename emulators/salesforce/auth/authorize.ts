/**
 * The browser half of the web server flow: authorize → login form → consent → redirect with a code
 * (or `error=access_denied`). Problems with the app or callback show an error page instead of
 * redirecting, as Salesforce does, because the callback itself cannot be trusted then.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Emulator } from '../emulator';
import type { OrgKey } from '../model/org';
import { readForm, redirect, sendHtml } from '../http/respond';
import { consentPage, errorPage, loginPage } from './pages';
import { randomToken } from './tokens';

const PENDING_TTL_MS = 30 * 60_000;
/** Scopes granted when the authorize request names none (the connected app's selected scopes). */
export const DEFAULT_SCOPE = 'refresh_token api id';
const LOGIN_FAILED = 'Please check your username and password. If you still can\'t log in, contact your Salesforce administrator.';

function withParams(uri: string, params: Record<string, string | null>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== null) url.searchParams.set(k, v);
  return url.toString();
}

/** GET /services/oauth2/authorize */
export function authorize(em: Emulator, orgKey: OrgKey, url: URL, res: ServerResponse): void {
  const q = url.searchParams;
  const clientId = q.get('client_id') ?? '';
  const redirectUri = q.get('redirect_uri') ?? '';
  const state = q.get('state');
  if (clientId !== em.settings.app.clientId) {
    return sendHtml(res, 400, errorPage('invalid_client_id', 'client identifier invalid'));
  }
  if (!em.settings.app.callbackUrls.includes(redirectUri)) {
    return sendHtml(res, 400, errorPage('redirect_uri_mismatch', 'redirect_uri must match configuration'));
  }
  if (q.get('response_type') !== 'code') {
    return redirect(res, withParams(redirectUri, { error: 'unsupported_response_type', error_description: 'response type not supported', state }));
  }
  const id = randomToken(24);
  em.tokens.pending.set(id, {
    id, orgKey, clientId, redirectUri, state, challenge: q.get('code_challenge'),
    scope: q.get('scope') ?? DEFAULT_SCOPE, nonce: q.get('nonce'), userId: null, expiresAt: em.now() + PENDING_TTL_MS,
  });
  sendHtml(res, 200, loginPage({ action: `/${orgKey}/login/login`, pending: id, orgName: em.orgs[orgKey].name, username: q.get('login_hint') ?? undefined }));
}

/** POST /login: checks the credentials, then shows the consent page. */
export async function submitLogin(em: Emulator, orgKey: OrgKey, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = await readForm(req);
  const pending = em.tokens.pending.get(form.get('pending') ?? '');
  if (!pending || pending.orgKey !== orgKey || pending.expiresAt < em.now()) {
    return sendHtml(res, 400, errorPage('invalid_request', 'the login attempt expired; start again from the application'));
  }
  const username = (form.get('username') ?? '').trim();
  const user = em.orgs[orgKey].users.find((u) => u.username.toLowerCase() === username.toLowerCase());
  if (!user || user.password !== form.get('password')) {
    return sendHtml(res, 200, loginPage({ action: `/${orgKey}/login/login`, pending: pending.id, orgName: em.orgs[orgKey].name, error: LOGIN_FAILED, username }));
  }
  pending.userId = user.id;
  sendHtml(res, 200, consentPage({ action: `/${orgKey}/login/services/oauth2/authorize/consent`, pending: pending.id, appName: 'Data Integration Center', username: user.username }));
}

/** POST /services/oauth2/authorize/consent: Allow issues a code, Deny redirects with access_denied. */
export async function submitConsent(em: Emulator, orgKey: OrgKey, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = await readForm(req);
  const pending = em.tokens.pending.get(form.get('pending') ?? '');
  if (!pending || pending.orgKey !== orgKey || !pending.userId || pending.expiresAt < em.now()) {
    return sendHtml(res, 400, errorPage('invalid_request', 'the login attempt expired; start again from the application'));
  }
  em.tokens.pending.delete(pending.id);
  if (form.get('decision') !== 'allow') {
    return redirect(res, withParams(pending.redirectUri, { error: 'access_denied', error_description: 'end-user denied authorization', state: pending.state }));
  }
  const code = `aPrx${randomToken(48)}`;
  em.tokens.codes.set(code, {
    code, orgKey, userId: pending.userId, clientId: pending.clientId, redirectUri: pending.redirectUri,
    challenge: pending.challenge, scope: pending.scope, nonce: pending.nonce, expiresAt: em.now() + em.settings.codeTtlMs, used: false,
  });
  redirect(res, withParams(pending.redirectUri, { code, state: pending.state }));
}
