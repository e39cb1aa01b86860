import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_SALESFORCE, SetPasswordPage, UsersPage } from '../fixtures';
import { GridPage, WizardPage } from '../integration-pages';

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

// A part of the tour that breaks (a label renamed, a page moved) is captured as it stands and named at the end,
// so one change does not cost the screenshots of every page after it.
const broken: string[] = [];
async function part(page: Page, name: string, steps: () => Promise<void>) {
  try {
    await steps();
  } catch (error) {
    broken.push(`${name}: ${(error as Error).message.split('\n')[0]}`);
    await shot(page, `${name}-broken`).catch(() => {});
  }
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
  await part(page, 'report-custom', async () => {
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
  });

  // An API key just created: shown once.
  await part(page, 'settings-api-key-created', async () => {
    await page.goto('/settings/api-keys');
    await page.getByLabel('Key name').fill('Product events');
    await page.getByRole('button', { name: 'Create key' }).click();
    await expect(page.getByRole('textbox', { name: 'New API key' })).toBeVisible();
    await shot(page, 'settings-api-key-created');
  });

  // Settings › Users: an invited member and their link; the page the link opens.
  await part(page, 'settings-users-invited', async () => {
    const users = new UsersPage(page);
    await users.goto();
    await users.addUser({ name: 'Ines Invited', email: 'ines@acme.test', role: 'member' });
    const link = await users.shownLink();
    await shot(page, 'settings-users-invited');
    const context = await page.context().browser()!.newContext({ storageState: { cookies: [], origins: [] } });
    const other = await context.newPage();
    await other.setViewportSize({ width: 1280, height: 800 });
    await other.goto(link);
    await shot(other, 'set-password');
    await new SetPasswordPage(other).setPassword('short');
    await expect(other.getByText('Use at least 12 characters.')).toBeVisible();
    await shot(other, 'set-password-refused');
    await context.close();
  });

  // Accounts › "+ Add Account": the demo org's sign-in and consent pages, then the connected account.
  await part(page, 'accounts-connected', async () => {
    await page.goto('/accounts');
    await page.getByRole('form', { name: 'Add Sandbox account' }).getByRole('button', { name: '+ Add Account' }).click();
    await expect(page.getByRole('button', { name: 'Log In' })).toBeVisible();
    await shot(page, 'salesforce-sign-in');
    await page.getByLabel('Username').fill(DEMO_SALESFORCE.sandboxAdmin.username);
    await page.getByLabel('Password').fill(DEMO_SALESFORCE.sandboxAdmin.password);
    await page.getByRole('button', { name: 'Log In' }).click();
    await expect(page.getByRole('button', { name: 'Allow' })).toBeVisible();
    await shot(page, 'salesforce-consent');
    await page.getByRole('button', { name: 'Allow' }).click();
    await expect(page).toHaveURL(/\/accounts\?connected=/);
    await shot(page, 'accounts-connected');
  });

  // The wizard, screen by screen, saved; the grid with it; Run Now; the Log and the run log; Edit.
  const name = 'Logins Review to Lead';
  await part(page, 'wizard', async () => {
    const wizard = new WizardPage(page);
    await page.goto('/integrations/new');
    await expect(page.getByRole('radio', { name: /admin@sandbox\.demo/ })).toBeVisible();
    await shot(page, 'wizard-1');
    await wizard.throughScreenTwo();
    await shot(page, 'wizard-2');
    for (let screen = 3; screen <= 6 && !(await wizard.saveButton().isVisible()); screen += 1) {
      await wizard.continue();
      await shot(page, `wizard-${screen}`);
    }
    if (!(await wizard.saveButton().isVisible())) {
      await wizard.continue();
      await shot(page, 'wizard-last');
    }
    await page.getByLabel('Integration name').fill(name);
    await wizard.saveButton().click();
    await expect(page).toHaveURL(/\/integrations$/);
    await shot(page, 'integrations-one');
  });
  await part(page, 'run', async () => {
    const grid = new GridPage(page);
    await grid.menu(name, 'Run Now');
    await expect(grid.row(name).getByText('Completed')).toBeVisible({ timeout: 90_000 });
    await page.mouse.move(0, 0);
    await shot(page, 'integrations-run');
    await grid.menu(name, 'Log');
    const log = page.getByRole('dialog', { name: `Log: ${name}` });
    await log.getByRole('row').filter({ hasText: 'Completed' }).first().hover();
    await shot(page, 'integrations-log');
    await log.getByRole('link', { name: /^Show log/ }).first().click();
    await expect(page).toHaveURL(/\/runs\/[0-9a-f-]+$/);
    await shot(page, 'run-log');
    await grid.goto();
    await grid.edit(name);
    await expect(page.getByRole('heading', { name: 'Field mapping', exact: true })).toBeVisible();
    await shot(page, 'integration-edit');
  });

  // The wizard to a connector: the demo Qualtrics, its JSON event's tokens on screen 3, a row filter, the time zone list.
  const toQualtrics = 'NPS detractors to Qualtrics';
  await part(page, 'wizard-connector', async () => {
    await page.goto('/connectors');
    await page.getByRole('button', { name: 'Use the demo Qualtrics' }).click();
    await expect(page.getByText('NPS detractor follow-up (demo)').first()).toBeVisible();
    const wizard = new WizardPage(page);
    // On to the wizard as a person goes, by links (no page load), so a confirmation from the Connectors page would show.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('link', { name: 'CREATE NEW INTEGRATION' }).click();
    await expect(page).toHaveURL(/\/integrations\/new$/);
    await page.getByRole('radio', { name: /^Qualtrics/ }).check();
    await shot(page, 'wizard-connector-1');
    await wizard.continue();
    await wizard.choose(wizard.report(), 'NPS', 'NPS');
    await page.getByRole('radio', { name: /^NPS detractor follow-up/ }).check();
    await shot(page, 'wizard-connector-2');
    await wizard.continue();
    await expect(wizard.heading('Payload mapping')).toBeVisible();
    await wizard.addCondition('NPS Score', 'is at most', '6');
    await page.getByLabel('Integration name').fill(toQualtrics);
    await shot(page, 'wizard-connector-3');
    await page.getByLabel('Time zone').click();
    await page.getByLabel('Time zone').fill('Europe');
    await shot(page, 'wizard-time-zone');
    await page.keyboard.press('Escape');
    await wizard.saveButton().click();
    await expect(page).toHaveURL(/\/integrations$/);
    await page.mouse.move(0, 0);
    await shot(page, 'integrations-with-connector');
    await new GridPage(page).menu(toQualtrics, 'Pause schedule');
    await expect(page.getByRole('dialog', { name: 'Integration paused.' })).toBeVisible();
    await page.mouse.move(0, 0);
    await shot(page, 'integrations-paused');
    await new GridPage(page).edit(toQualtrics);
    await expect(page.getByRole('heading', { name: 'Payload mapping', exact: true })).toBeVisible();
    await shot(page, 'integration-edit-connector');
  });

  await visit(page, '/connectors', 'connectors-with-integration');

  // Signed out.
  await page.context().clearCookies();
  await visit(page, '/sign-in', 'sign-in');
  expect(broken, 'parts of the tour that broke (their last state is a *-broken.png)').toEqual([]);
});
