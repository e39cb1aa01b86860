/**
 * Helpers for tests and benchmarks: drive the login and consent pages with fetch as a browser would,
 * and build a jsforce Connection the way the product does (OAuth2 config + tokens).
 */
import jsforce, { type Connection } from 'jsforce';
import { DEFAULT_CALLBACK_URL, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, type OrgKey, type RunningSalesforceEmulator } from './index';

/** The OAuth2 settings of the demo connected app for one org. */
export function oauthConfig(em: RunningSalesforceEmulator, org: OrgKey) {
  return { loginUrl: em.orgs[org].loginUrl, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET, redirectUri: DEFAULT_CALLBACK_URL };
}

function hidden(html: string, name: string): string {
  const m = new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html) ?? new RegExp(`value="([^"]*)"[^>]*name="${name}"`).exec(html);
  if (!m) throw new Error(`No ${name} field in page: ${html.slice(0, 300)}`);
  return m[1];
}

function formAction(html: string, base: string): URL {
  const m = /<form[^>]*action="([^"]+)"/.exec(html);
  if (!m) throw new Error(`No form in page: ${html.slice(0, 300)}`);
  return new URL(m[1].replace(/&amp;/g, '&'), base);
}

/**
 * Follows authorize → login → consent with fetch, as a browser would; resolves to the callback URL
 * Salesforce redirected to (code and state, or error). The one driver of these pages without a browser;
 * e2e/fixtures.ts drives them in one.
 */
export async function authorizeInBrowser(authorizationUrl: string, username: string, password: string, decision: 'allow' | 'deny' = 'allow'): Promise<URL> {
  const login = await fetch(authorizationUrl);
  const loginHtml = await login.text();
  if (login.status !== 200) throw new Error(`authorize answered ${login.status}: ${loginHtml}`);
  const consent = await fetch(formAction(loginHtml, authorizationUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ pending: hidden(loginHtml, 'pending'), username, password }),
  });
  const consentHtml = await consent.text();
  if (!consentHtml.includes('Allow Access?')) {
    const alert = /role="alert">([^<]*)</.exec(consentHtml);
    throw new Error(`Login failed: ${alert ? alert[1].replace(/&#39;/g, "'") : consentHtml.slice(0, 300)}`);
  }
  const done = await fetch(formAction(consentHtml, authorizationUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ pending: hidden(consentHtml, 'pending'), decision }),
    redirect: 'manual',
  });
  const location = done.headers.get('location');
  if (done.status !== 302 || !location) throw new Error(`Consent answered ${done.status}`);
  return new URL(location);
}

/** Logs a user in through the full code flow and returns an authorized jsforce Connection. */
export async function connect(em: RunningSalesforceEmulator, org: OrgKey, username: string, password: string): Promise<Connection> {
  const conn = new jsforce.Connection({ oauth2: oauthConfig(em, org) });
  const callback = await authorizeInBrowser(conn.oauth2.getAuthorizationUrl({ state: 'test' }), username, password);
  await conn.authorize(callback.searchParams.get('code')!);
  return conn;
}

/** The demo admin's connection to an org. */
export function connectAdmin(em: RunningSalesforceEmulator, org: OrgKey = 'sandbox'): Promise<Connection> {
  return connect(em, org, `admin@${org}.demo`, 'demo-admin-1');
}

/** The demo standard user's connection to an org. */
export function connectStandard(em: RunningSalesforceEmulator, org: OrgKey = 'sandbox'): Promise<Connection> {
  return connect(em, org, `standard@${org}.demo`, 'demo-standard-1');
}
