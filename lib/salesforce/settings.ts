import type { SalesforceEnvironment } from '@/db/schema';
import { AppError } from '@/lib/errors';

/** The Salesforce API version DIC speaks. */
export const SALESFORCE_API_VERSION = '62.0';

/** How DIC reaches Salesforce: the connected app, where to log in, and whether this is the demo org. */
export interface SalesforceSettings {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  loginUrls: Record<SalesforceEnvironment, string>;
  /** True when the built-in emulator stands in for Salesforce (no client id configured). */
  demo: boolean;
  /** Origins that may be called although they are not Salesforce hosts: only the emulator, only in demo or tests. */
  allowedOrigins: string[];
}

export const REAL_LOGIN_URLS: Record<SalesforceEnvironment, string> = {
  production: 'https://login.salesforce.com',
  sandbox: 'https://test.salesforce.com',
};

const SALESFORCE_SUFFIXES = ['.salesforce.com', '.force.com', '.cloudforce.com', '.salesforce.mil'];

/** True for an https URL on a Salesforce-owned domain (login hosts, My Domains, instances). */
export function isSalesforceUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && !url.username && SALESFORCE_SUFFIXES.some((s) => url.hostname.endsWith(s));
  } catch {
    return false;
  }
}

function allowed(settings: SalesforceSettings, raw: string) {
  try {
    return settings.allowedOrigins.includes(new URL(raw).origin) || isSalesforceUrl(raw);
  } catch {
    return false;
  }
}

/** The login URL for an environment, or the account's My Domain when one is given (it must be a Salesforce host). */
export function resolveLoginUrl(settings: SalesforceSettings, environment: SalesforceEnvironment, myDomain?: string): string {
  if (!myDomain) return settings.loginUrls[environment];
  const candidate = /^https?:\/\//.test(myDomain) ? myDomain : `https://${myDomain}`;
  if (!allowed(settings, candidate)) {
    throw new AppError('VALIDATION', 'My Domain must be your Salesforce login address, like https://acme.my.salesforce.com.', {
      fieldErrors: { myDomain: ['Use an address ending in .my.salesforce.com.'] },
    });
  }
  return new URL(candidate).origin;
}

/** Refuses an instance URL from a token answer unless it is a Salesforce host (or the configured emulator). */
export function assertInstanceUrl(settings: SalesforceSettings, instanceUrl: string): void {
  if (!allowed(settings, instanceUrl)) {
    throw new AppError('VALIDATION', `Salesforce answered with an instance URL (${instanceUrl}) that is not a Salesforce host, so it is not used.`);
  }
}
