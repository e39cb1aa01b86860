import type { SalesforceSettings } from './settings';

/** Test helpers: connect to the (emulated) Salesforce as "+ Add Account" does. */

/**
 * Follows an authorization URL through the login form and the consent page, and returns the query of the
 * redirect to the app's callback (code and state, or error).
 */
export async function authorizeAs(authorizationUrl: string, username: string, password: string, decision: 'allow' | 'deny' = 'allow') {
  const { authorizeInBrowser } = await import('@/emulators/salesforce/testing');
  return (await authorizeInBrowser(authorizationUrl, username, password, decision)).searchParams;
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
