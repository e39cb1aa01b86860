import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

// Run with `npx playwright test -c playwright.screenshots.config.ts` on a fresh data folder (the config's webServer).
const dir = process.env.SHOTS_DIR ?? path.join('.data', 'screenshots');
let n = 0;

async function shot(page: Page, name: string) {
  n += 1;
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.screenshot({ path: path.join(dir, `${String(n).padStart(2, '0')}-${name}.png`), fullPage: true });
}

async function visit(page: Page, url: string, name: string) {
  await page.goto(url, { timeout: 120_000 });
  await shot(page, name);
}

test('every page, as a new admin sees it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await visit(page, '/', 'setup');
  await page.getByLabel('Workspace name').fill('Acme Success');
  await page.getByLabel('Your name').fill('Avery Admin');
  await page.getByLabel('Email').fill('avery@acme.test');
  await page.getByLabel('Password').fill('Correct-horse-42');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByRole('heading', { name: 'Integrations', exact: true })).toBeVisible({ timeout: 120_000 });
  await shot(page, 'integrations');

  for (const [url, name] of [
    ['/accounts', 'accounts'], ['/connectors', 'connectors'], ['/reports', 'reports'],
    ['/reports/logins-review', 'report-logins-review'], ['/reports/logins-review?page=9999', 'report-page-past-last'],
    ['/reports/nps', 'report-nps'], ['/reports/onboarding-completion-rate', 'report-onboarding'],
    ['/reports/import', 'reports-import'], ['/reports/new', 'reports-new'],
    ['/settings', 'settings'], ['/settings/workspace', 'settings-workspace'], ['/settings/users', 'settings-users'],
    ['/settings/api-keys', 'settings-api-keys'], ['/settings/audit', 'settings-audit'], ['/settings/account', 'settings-account'],
    ['/no-such-page', 'not-found'], ['/api/salesforce/callback?error=access_denied', 'oauth-refused'],
  ] as const) await visit(page, url, name);

  // A custom report with an average, to see how its numbers are shown.
  await page.goto('/reports/new');
  await page.getByLabel('Name', { exact: true }).fill('Average NPS score per user with a rather long name');
  const second = page.getByRole('group', { name: 'Column 2' });
  await second.getByLabel('Column label').fill('Average NPS score over all answers given by the user');
  await second.getByLabel('Shows').selectOption({ label: 'Average of a numeric property' });
  await second.getByLabel('Event type').fill('nps');
  await second.getByLabel('Property').fill('score');
  await page.getByRole('button', { name: 'Create report' }).click();
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
  await shot(page, 'report-custom');
  await page.goto(`${page.url()}/edit`);
  await shot(page, 'report-custom-edit');

  // An API key just created.
  await page.goto('/settings/api-keys');
  const keyName = page.getByLabel('Name', { exact: true });
  if (await keyName.count()) {
    await keyName.fill('Product events');
    await page.getByRole('button', { name: /Create/ }).first().click();
    await page.waitForTimeout(1000);
    await shot(page, 'settings-api-key-created');
  }

  // Accounts › "+ Add Account": the demo org's sign-in page.
  await page.goto('/accounts');
  const add = page.getByRole('button', { name: '+ Add Account' }).or(page.getByRole('link', { name: '+ Add Account' }));
  if (await add.count()) {
    await add.first().click();
    await page.waitForTimeout(2000);
    await shot(page, 'salesforce-sign-in');
  }

  // Signed out.
  await page.context().clearCookies();
  await visit(page, '/sign-in', 'sign-in');
});
