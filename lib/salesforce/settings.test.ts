import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_LOGIN_URLS, assertInstanceUrl, isSalesforceUrl, resolveLoginUrl, type SalesforceSettings } from './settings';

const real: SalesforceSettings = { clientId: 'id', clientSecret: 's', redirectUri: 'https://dic.example/api/salesforce/callback', loginUrls: REAL_LOGIN_URLS, demo: false, allowedOrigins: [] };

describe('Salesforce hosts', () => {
  it('accepts Salesforce login hosts, My Domains and instances over https only', () => {
    for (const url of ['https://login.salesforce.com', 'https://test.salesforce.com', 'https://acme.my.salesforce.com', 'https://acme--uat.sandbox.my.salesforce.com', 'https://na42.salesforce.com', 'https://acme.lightning.force.com']) {
      expect(isSalesforceUrl(url), url).toBe(true);
    }
    for (const url of ['http://login.salesforce.com', 'https://salesforce.com.evil.example', 'https://evilsalesforce.com', 'https://127.0.0.1', 'https://u:p@acme.my.salesforce.com']) {
      expect(isSalesforceUrl(url), url).toBe(false);
    }
  });

  it('uses the real login host per environment, or a My Domain that must be Salesforce', () => {
    expect(resolveLoginUrl(real, 'sandbox')).toBe('https://test.salesforce.com');
    expect(resolveLoginUrl(real, 'production')).toBe('https://login.salesforce.com');
    expect(resolveLoginUrl(real, 'production', 'acme.my.salesforce.com/some/path')).toBe('https://acme.my.salesforce.com');
    expect(() => resolveLoginUrl(real, 'production', 'https://attacker.example')).toThrow(/My Domain must be your Salesforce login address/);
    expect(() => resolveLoginUrl(real, 'production', 'http://127.0.0.1:8787')).toThrow(/My Domain/);
  });

  it('refuses an instance URL that is not Salesforce, unless it is the configured emulator', () => {
    expect(() => assertInstanceUrl(real, 'https://na1.salesforce.com')).not.toThrow();
    expect(() => assertInstanceUrl(real, 'http://127.0.0.1:8787/sandbox/instance')).toThrow(/not a Salesforce host/);
    const demo = { ...real, demo: true, allowedOrigins: ['http://127.0.0.1:8787'] };
    expect(() => assertInstanceUrl(demo, 'http://127.0.0.1:8787/sandbox/instance')).not.toThrow();
    expect(() => assertInstanceUrl(demo, 'http://127.0.0.1:9999/x')).toThrow();
  });
});

/** A port nothing listens on now, so this test never collides with a server another run started on this machine. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('demo org settings in any process', () => {
  it('give a process without the demo org (npm run worker) the secret and hosts the running demo org accepts', async () => {
    const { getConfig, getDemoSalesforceClientSecret } = await import('@/lib/config');
    const { getSalesforceSettings, startDemoSalesforceIfNeeded } = await import('./app-settings');
    const { createOAuth2 } = await import('./oauth2');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dic-demo-'));
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { NODE_ENV: 'test', DATABASE_URL: 'postgres://u@127.0.0.1:5432/x', AUTH_SECRET: 'a'.repeat(40), DIC_DEMO_SALESFORCE_PORT: String(port), DIC_DATA_DIR: dataDir };
    const config = getConfig({ ...env });
    // What a worker computes from its configuration alone, before any demo org runs in its process.
    const worker = await getSalesforceSettings(config);
    expect(worker).toMatchObject({ demo: true, clientId: 'DIC_DEMO_CONNECTED_APP', allowedOrigins: [`http://127.0.0.1:${port}`] });
    expect(worker.clientSecret).toBe(getDemoSalesforceClientSecret(getConfig({ ...env })));
    expect(worker.clientSecret).not.toBe(getDemoSalesforceClientSecret(getConfig({ ...env, AUTH_SECRET: 'b'.repeat(40) })));

    await startDemoSalesforceIfNeeded(config); // as the web process does at start
    expect(await getSalesforceSettings(config)).toEqual(worker);
    // The demo org knows the client: an unknown refresh token is refused as a bad grant, not as a bad client.
    const refusal = (oauth2: ReturnType<typeof createOAuth2>) => oauth2.refreshToken('not-a-token').then(() => 'accepted', (e: Error) => e.name);
    expect(await refusal(createOAuth2(worker, worker.loginUrls.sandbox))).toBe('invalid_grant');
    expect(await refusal(createOAuth2({ ...worker, clientSecret: 'other' }, worker.loginUrls.sandbox))).toBe('invalid_client');
  });
});
