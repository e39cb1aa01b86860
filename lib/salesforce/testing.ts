import type { SalesforceSettings } from './settings';

/** Test helpers: drive the (emulated) Salesforce login and consent pages the way a browser would. */

function field(html: string, name: string): string {
  const match = html.match(new RegExp(`name="${name}"[^>]*value="([^"]*)"`)) ?? html.match(new RegExp(`value="([^"]*)"[^>]*name="${name}"`));
  if (!match) throw new Error(`no ${name} field in page: ${html.slice(0, 300)}`);
  return match[1];
}

function formAction(html: string, base: string): string {
  const match = html.match(/<form[^>]*action="([^"]+)"/);
  if (!match) throw new Error(`no form in page: ${html.slice(0, 300)}`);
  return new URL(match[1].replace(/&amp;/g, '&'), base).toString();
}

/**
 * Follows an authorization URL through the login form and the consent page, and returns the query of the
 * redirect to the app's callback (code and state, or error).
 */
export async function authorizeAs(authorizationUrl: string, username: string, password: string, decision: 'allow' | 'deny' = 'allow') {
  const loginPage = await (await fetch(authorizationUrl)).text();
  const consent = await fetch(formAction(loginPage, authorizationUrl), {
    method: 'POST',
    body: new URLSearchParams({ pending: field(loginPage, 'pending'), username, password }),
  });
  const consentPage = await consent.text();
  const answer = await fetch(formAction(consentPage, authorizationUrl), {
    method: 'POST',
    body: new URLSearchParams({ pending: field(consentPage, 'pending'), decision }),
    redirect: 'manual',
  });
  const location = answer.headers.get('location');
  if (!location) throw new Error(`consent did not redirect (HTTP ${answer.status})`);
  return new URL(location).searchParams;
}

/** The callback URL the test emulator accepts. */
export const TEST_CALLBACK = 'http://localhost:3000/api/salesforce/callback';

/** Starts an emulator on a free port and the settings that point DIC at it, as the demo mode does. */
export async function startTestSalesforce(options: import('@/emulators/salesforce').SalesforceEmulatorOptions = {}) {
  const { startSalesforceEmulator } = await import('@/emulators/salesforce');
  const credentials = { clientId: 'test-client', clientSecret: 'test-secret' };
  const emulator = await startSalesforceEmulator({ ...options, callbackUrls: [TEST_CALLBACK], ...credentials });
  const settings: SalesforceSettings = {
    ...credentials, redirectUri: TEST_CALLBACK, demo: true,
    loginUrls: { sandbox: emulator.orgs.sandbox.loginUrl, production: emulator.orgs.production.loginUrl },
    allowedOrigins: [new URL(emulator.baseUrl).origin],
  };
  return { emulator, settings };
}

/** Connects the sandbox admin through the real OAuth flow (as "+ Add Account" does) and returns the account id. */
export async function connectTestAccount(db: import('@/db/client').Database, user: import('@/lib/auth/session').SessionUser, settings: SalesforceSettings, username = 'admin@sandbox.demo', password = 'demo-admin-1'): Promise<string> {
  const { beginConnect, completeConnect } = await import('./oauth');
  const url = await beginConnect(db, user, settings, { environment: 'sandbox' });
  const outcome = await completeConnect(db, user, settings, await authorizeAs(url, username, password));
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.accountId;
}
