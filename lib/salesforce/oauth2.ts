import jsforce, { type OAuth2 } from 'jsforce';
import type { SalesforceSettings } from './settings';

/**
 * The one place DIC builds jsforce's OAuth2 client: for a login host (the account's login URL), from the
 * installation's Connected App. `pkce` makes jsforce generate a code verifier (the "+ Add Account" flow).
 */
export function createOAuth2(settings: SalesforceSettings, loginUrl: string, options: { pkce?: boolean } = {}): OAuth2 {
  return new jsforce.OAuth2({
    loginUrl, clientId: settings.clientId, clientSecret: settings.clientSecret, redirectUri: settings.redirectUri,
    useVerifier: options.pkce ?? false,
  });
}
