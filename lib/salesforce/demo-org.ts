import path from 'node:path';
import { DEMO_USERS, startSalesforceEmulator } from '@/emulators/salesforce';
import type { SalesforceEnvironment } from '@/db/schema';
import { logger } from '@/lib/log';

/** The client id of the Connected App the demo org is made with. */
export const DEMO_CONNECTED_APP_ID = 'DIC_DEMO_CONNECTED_APP';

/** The demo org's admin sign-in of each environment, which the Accounts page tells the user to use. */
export function demoAdminSignIn(environment: SalesforceEnvironment): { username: string; password: string } {
  const admin = DEMO_USERS[environment].find((u) => u.modifyAllData)!;
  return { username: admin.username, password: admin.password };
}

/** The running demo org: the Salesforce emulator inside this process, with a Connected App made for it. */
export interface DemoSalesforce {
  origin: string;
  loginUrls: Record<SalesforceEnvironment, string>;
  /** Stops the emulator, writing its state file once more. */
  close(): Promise<void>;
}

/** The demo org's login URLs under an emulator origin (the emulator serves both orgs on one port). */
export function demoLoginUrls(origin: string): Record<SalesforceEnvironment, string> {
  return { sandbox: `${origin}/sandbox/login`, production: `${origin}/production/login` };
}

const globalForDemo = globalThis as unknown as { __dicDemoSalesforce?: Promise<DemoSalesforce> };

/** The demo org started in this process, if any. */
export function runningDemoSalesforce(): Promise<DemoSalesforce> | undefined {
  return globalForDemo.__dicDemoSalesforce;
}

/**
 * Starts the demo org once per process (the web process does; `npm run worker` reaches it over loopback).
 * Its records are kept in the data folder so changes made by runs survive a restart.
 */
export function startDemoSalesforce(options: { port: number; dataDir: string; callbackUrl: string; clientSecret: string }): Promise<DemoSalesforce> {
  globalForDemo.__dicDemoSalesforce ??= (async () => {
    const emulator = await startSalesforceEmulator({
      port: options.port,
      host: '127.0.0.1',
      stateFile: path.join(options.dataDir, 'salesforce-demo.json'),
      clientId: DEMO_CONNECTED_APP_ID,
      clientSecret: options.clientSecret,
      callbackUrls: [options.callbackUrl],
    });
    logger.info({ url: emulator.baseUrl }, 'demo Salesforce org started');
    const origin = new URL(emulator.baseUrl).origin;
    return { origin, loginUrls: demoLoginUrls(origin), close: () => emulator.close() };
  })();
  globalForDemo.__dicDemoSalesforce.catch(() => { globalForDemo.__dicDemoSalesforce = undefined; });
  return globalForDemo.__dicDemoSalesforce;
}
