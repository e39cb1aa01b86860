import crypto from 'node:crypto';
import path from 'node:path';
import { startSalesforceEmulator } from '@/emulators/salesforce';
import type { SalesforceEnvironment } from '@/db/schema';
import { logger } from '@/lib/log';

/** The running demo org: the Salesforce emulator inside this process, with a Connected App made for it. */
export interface DemoSalesforce {
  origin: string;
  clientId: string;
  clientSecret: string;
  loginUrls: Record<SalesforceEnvironment, string>;
}

const globalForDemo = globalThis as unknown as { __dicDemoSalesforce?: Promise<DemoSalesforce> };

/**
 * Starts the demo org once per process (the embedded default has no Salesforce account anywhere). Its records
 * are kept in the data folder so changes made by runs survive a restart.
 */
export function startDemoSalesforce(options: { port: number; dataDir: string; callbackUrl: string }): Promise<DemoSalesforce> {
  globalForDemo.__dicDemoSalesforce ??= (async () => {
    const clientId = 'DIC_DEMO_CONNECTED_APP';
    const clientSecret = crypto.randomBytes(24).toString('base64url');
    const emulator = await startSalesforceEmulator({
      port: options.port,
      host: '127.0.0.1',
      stateFile: path.join(options.dataDir, 'salesforce-demo.json'),
      clientId,
      clientSecret,
      callbackUrls: [options.callbackUrl],
    });
    logger.info({ url: emulator.baseUrl }, 'demo Salesforce org started');
    return {
      origin: new URL(emulator.baseUrl).origin,
      clientId,
      clientSecret,
      loginUrls: { sandbox: emulator.orgs.sandbox.loginUrl, production: emulator.orgs.production.loginUrl },
    };
  })();
  globalForDemo.__dicDemoSalesforce.catch(() => { globalForDemo.__dicDemoSalesforce = undefined; });
  return globalForDemo.__dicDemoSalesforce;
}
