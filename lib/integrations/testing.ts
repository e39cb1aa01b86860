/** Test helpers for integrations: a connected account row and a valid integration input. */
import type { Database } from '@/db/client';
import { upsertSalesforceAccount } from '@/db/queries/salesforce-accounts';
import type { IntegrationFormValues } from './schema';

/** Stores an account row for the workspace (tokens are placeholders: nothing here calls Salesforce). */
export async function insertTestAccount(db: Database, workspaceId: string, environment: 'sandbox' | 'production' = 'sandbox'): Promise<string> {
  const row = await upsertSalesforceAccount(db, {
    workspaceId, environment, orgId: `00D${environment}${workspaceId.slice(0, 6)}`, orgName: 'Test org', sfUserId: `005${workspaceId.slice(0, 8)}`,
    username: `admin@${environment}.test`, loginUrl: 'https://test.salesforce.com', instanceUrl: 'https://test.my.salesforce.com',
    isDemo: true, accessTokenSealed: 'sealed-access', refreshTokenSealed: 'sealed-refresh', connectedBy: null, connectedByEmail: null,
  });
  return row.id;
}

/** A complete integration of the built-in Logins Review report into Contact. */
export function integrationInput(accountId: string, overrides: Partial<IntegrationFormValues> = {}): IntegrationFormValues {
  return {
    accountId, reportId: 'logins-review', objectName: 'Contact',
    keys: [{ column: 'Email', field: 'Email' }], mappings: [{ column: 'Last Login', field: 'Last_Login__c' }],
    name: 'Logins Review to Contact', ...overrides,
  };
}
