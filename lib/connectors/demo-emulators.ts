import { DEMO_ACCESS_KEY, startGainsightEmulator } from '@/emulators/gainsight';
import { DEMO_QUALTRICS_USER, startQualtricsEmulator } from '@/emulators/qualtrics';
import { logger } from '@/lib/log';
import { allowOutboundOrigin } from './outbound-allowlist';

/** The running demo Qualtrics and Gainsight emulators, and what a user types to reach them. */
export interface DemoConnectors {
  qualtrics: { origin: string; eventUrl: string; username: string; apiToken: string };
  gainsight: { origin: string; hookUrl: string; accessKey: string };
}

const globalForDemo = globalThis as unknown as { __dicDemoConnectors?: Promise<DemoConnectors> };

/**
 * Starts the demo Qualtrics and Gainsight emulators once per process, on loopback, and adds their origins
 * to the outbound allowlist: that registration is the only way connector calls may reach them.
 */
export function startDemoConnectors(options: { qualtricsPort: number; gainsightPort: number }): Promise<DemoConnectors> {
  globalForDemo.__dicDemoConnectors ??= (async () => {
    const qualtrics = await startQualtricsEmulator({ port: options.qualtricsPort, host: '127.0.0.1' });
    const gainsight = await startGainsightEmulator({ port: options.gainsightPort, host: '127.0.0.1' }).catch(async (error: unknown) => {
      await qualtrics.close();
      throw error;
    });
    allowOutboundOrigin(qualtrics.baseUrl);
    allowOutboundOrigin(gainsight.baseUrl);
    logger.info({ qualtrics: qualtrics.baseUrl, gainsight: gainsight.baseUrl }, 'demo Qualtrics and Gainsight emulators started');
    return {
      qualtrics: { origin: qualtrics.baseUrl, eventUrl: qualtrics.eventUrl(), username: DEMO_QUALTRICS_USER.username, apiToken: DEMO_QUALTRICS_USER.apiToken },
      gainsight: { origin: gainsight.baseUrl, hookUrl: gainsight.hookUrl('dic-demo'), accessKey: DEMO_ACCESS_KEY },
    };
  })();
  globalForDemo.__dicDemoConnectors.catch(() => { globalForDemo.__dicDemoConnectors = undefined; });
  return globalForDemo.__dicDemoConnectors;
}

/** The demo emulators if this process runs them (started by the runtime), else null. */
export async function currentDemoConnectors(): Promise<DemoConnectors | null> {
  return globalForDemo.__dicDemoConnectors ? globalForDemo.__dicDemoConnectors.catch(() => null) : null;
}
