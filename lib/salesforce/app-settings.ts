import { getConfig, getDemoSalesforceClientSecret, type AppConfig } from '@/lib/config';
import { DEMO_CONNECTED_APP_ID, demoLoginUrls, runningDemoSalesforce, startDemoSalesforce } from './demo-org';
import { REAL_LOGIN_URLS, type SalesforceSettings } from './settings';

/**
 * Salesforce settings for this installation: the Connected App from SALESFORCE_CLIENT_ID/SECRET with the real
 * login hosts, or, without them, the built-in demo org. Safe in any process (no `server-only`): the web
 * process starts the demo org (startDemoSalesforceIfNeeded); a separate `npm run worker` reaches it on
 * DIC_DEMO_SALESFORCE_PORT with the same derived client secret.
 */
export async function getSalesforceSettings(config: AppConfig = getConfig()): Promise<SalesforceSettings> {
  const redirectUri = `${config.appUrl}/api/salesforce/callback`;
  if (config.SALESFORCE_CLIENT_ID && config.SALESFORCE_CLIENT_SECRET) {
    return {
      clientId: config.SALESFORCE_CLIENT_ID, clientSecret: config.SALESFORCE_CLIENT_SECRET, redirectUri,
      loginUrls: REAL_LOGIN_URLS, demo: false, allowedOrigins: [],
    };
  }
  const running = runningDemoSalesforce();
  const origin = running ? (await running).origin : `http://127.0.0.1:${config.DIC_DEMO_SALESFORCE_PORT}`;
  return {
    clientId: DEMO_CONNECTED_APP_ID, clientSecret: getDemoSalesforceClientSecret(config), redirectUri,
    loginUrls: demoLoginUrls(origin), demo: true, allowedOrigins: [origin],
  };
}

/** Starts the demo org in this process when no Connected App is configured; the web process calls it at start. */
export async function startDemoSalesforceIfNeeded(config: AppConfig = getConfig()): Promise<void> {
  if (config.SALESFORCE_CLIENT_ID) return;
  await startDemoSalesforce({
    port: config.DIC_DEMO_SALESFORCE_PORT, dataDir: config.dataDir, callbackUrl: `${config.appUrl}/api/salesforce/callback`,
    clientSecret: getDemoSalesforceClientSecret(config),
  });
}
