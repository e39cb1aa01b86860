import 'server-only';
import { getConfig } from '@/lib/config';
import { startDemoSalesforce } from './demo-org';
import { REAL_LOGIN_URLS, type SalesforceSettings } from './settings';

/**
 * Salesforce settings for this installation: the Connected App from SALESFORCE_CLIENT_ID/SECRET with the real
 * login hosts, or, without them, the built-in demo org (the emulator, started in this process).
 */
export async function getSalesforceSettings(): Promise<SalesforceSettings> {
  const config = getConfig();
  const redirectUri = `${config.appUrl}/api/salesforce/callback`;
  if (config.SALESFORCE_CLIENT_ID && config.SALESFORCE_CLIENT_SECRET) {
    return {
      clientId: config.SALESFORCE_CLIENT_ID, clientSecret: config.SALESFORCE_CLIENT_SECRET, redirectUri,
      loginUrls: REAL_LOGIN_URLS, demo: false, allowedOrigins: [],
    };
  }
  const demo = await startDemoSalesforce({ port: config.DIC_DEMO_SALESFORCE_PORT, dataDir: config.dataDir, callbackUrl: redirectUri });
  return {
    clientId: demo.clientId, clientSecret: demo.clientSecret, redirectUri,
    loginUrls: demo.loginUrls, demo: true, allowedOrigins: [demo.origin],
  };
}
