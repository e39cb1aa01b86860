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
