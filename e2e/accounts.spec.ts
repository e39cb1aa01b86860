import type { Page } from '@playwright/test';
import { demoSalesforceUrl } from '../playwright.config';
import { ADMIN_STATE, DEMO_SALESFORCE, type SalesforceLoginPage, expect, test } from './fixtures';

test.use({ storageState: ADMIN_STATE });

/** Clicks "+ Add Account" in a section; the Salesforce login page follows. */
async function addAccount(page: Page, section: 'Sandbox' | 'Production') {
  await page.goto('/accounts');
  await page.getByRole('form', { name: `Add ${section} account` }).getByRole('button', { name: '+ Add Account' }).click();
}

test('without a Connected App the page itself says which demo sign-in to use, for each environment', async ({ page }) => {
  await page.goto('/accounts');
  const note = page.getByRole('main').getByText('No Salesforce Connected App is configured');
  await expect(note).toContainText(`use username ${DEMO_SALESFORCE.sandboxAdmin.username} and password ${DEMO_SALESFORCE.sandboxAdmin.password} for Sandbox`);
  await expect(note).toContainText(`or ${DEMO_SALESFORCE.productionAdmin.username} and ${DEMO_SALESFORCE.productionAdmin.password} for Production`);
  await expect(note).not.toContainText('README');
});

test('a Sandbox org connects through Salesforce login; a user without Modify All Data and a Deny are refused with reasons; disconnect revokes the token', async ({ page, request, salesforceLogin }) => {
  const connect = async (user: Parameters<SalesforceLoginPage['logIn']>[0], decision: 'Allow' | 'Deny') => {
    await addAccount(page, 'Sandbox');
    await salesforceLogin.logIn(user, decision);
  };
  // A standard user lacks Modify All Data: refused, with the permission named, and nothing stored.
  await connect(DEMO_SALESFORCE.sandboxStandard, 'Allow');
  await expect(page.getByRole('alert')).toContainText('does not have the “Modify All Data” permission');
  await page.getByRole('link', { name: 'Back to Accounts' }).click();
  await expect(page.getByText('No Sandbox account connected.')).toBeVisible();

  // Deny on the consent page.
  await connect(DEMO_SALESFORCE.sandboxAdmin, 'Deny');
  await expect(page.getByRole('alert')).toContainText('Salesforce access was denied, so no account was connected.');

  // The admin user connects.
  await connect(DEMO_SALESFORCE.sandboxAdmin, 'Allow');
  await expect(page).toHaveURL(/\/accounts\?connected=/);
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: 'Connected admin@sandbox.demo.' })).toBeVisible();
  const sandbox = page.getByRole('region', { name: 'Sandbox' });
  const row = sandbox.getByRole('row').filter({ hasText: 'admin@sandbox.demo' });
  await expect(row).toContainText('Demo Sandbox');
  await expect(row).toContainText('Connected');
  await expect(page.getByRole('region', { name: 'Production' }).getByText('No Production account connected.')).toBeVisible();

  // Disconnect revokes the token at Salesforce and removes the account.
  type Grant = { org: string; username: string; revoked: boolean };
  const liveGrants = async () => ((await (await request.get(`${demoSalesforceUrl}/__emulator/tokens/refresh`)).json()) as Grant[])
    .filter((g) => g.org === 'sandbox' && g.username === 'admin@sandbox.demo' && !g.revoked);
  expect(await liveGrants()).toHaveLength(1);
  await row.getByRole('button', { name: 'Disconnect admin@sandbox.demo' }).click();
  // It asks first; Cancel keeps the account.
  const ask = page.getByRole('alertdialog', { name: 'Disconnect admin@sandbox.demo?' });
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toBeHidden();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Disconnect admin@sandbox.demo' }).click();
  await ask.getByRole('button', { name: 'Disconnect' }).click();
  await expect(sandbox.getByText('No Sandbox account connected.')).toBeVisible();
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: 'Disconnected admin@sandbox.demo. Salesforce revoked its access' })).toBeVisible();
  expect(await liveGrants()).toHaveLength(0);
});
