import { demoSalesforceUrl } from '../playwright.config';
import { createIntegration, expect, GridPage, test } from './integration-pages';

test('the wizard: Back keeps what was entered, rows are suggested, a field cannot be mapped twice, SAVE waits for a complete row', async ({ page, wizard }) => {
  await wizard.throughScreenTwo();
  // Back to screen 1 and forward again: the account, report, object and keys are as they were.
  await wizard.back();
  await expect(page.getByRole('radio', { name: /admin@sandbox\.demo/ })).toBeChecked();
  await wizard.continue();
  await expect(wizard.report()).toHaveValue('Logins Review');
  await expect(wizard.object()).toHaveValue('Lead');
  await expect(wizard.key(1).getByLabel('Salesforce object unique identifier')).toHaveValue('Email');

  await wizard.continue();
  await expect(wizard.heading('Field mapping')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'suggested by name and type' })).toBeVisible();
  await expect(wizard.row(1).getByLabel('Insights report column')).not.toHaveValue('');
  await expect(page.getByLabel('Integration name')).toHaveValue('Logins Review to Lead');

  // A field one row maps is not offered to another row, nor is the key field.
  const firstLogin = wizard.rows().filter({ has: page.locator('input[value="First Login"]') });
  await expect(firstLogin.getByLabel('Salesforce field')).toHaveValue('WalkMe First Login');
  await wizard.page.getByRole('button', { name: 'ADD COLUMN' }).click();
  const added = wizard.rows().last();
  await added.getByLabel('Salesforce field').fill('WalkMe First');
  await expect(page.getByRole('option', { name: /^WalkMe First Login\s*,/ })).toHaveCount(0);
  await added.getByLabel('Salesforce field').fill('Email');
  await expect(page.getByRole('option', { name: /^Email\s*,/ })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // Remove every row with its X (reachable by keyboard): SAVE is disabled until a row is complete.
  while (await wizard.rows().count()) {
    await wizard.rows().first().getByRole('button', { name: /^Remove mapping row/ }).focus();
    await page.keyboard.press('Enter');
  }
  await expect(wizard.saveButton()).toBeDisabled();
  await page.getByRole('button', { name: 'ADD COLUMN' }).click();
  await wizard.choose(wizard.row(1).getByLabel('Insights report column'), 'Last', 'Last Login');
  await expect(wizard.saveButton()).toBeDisabled();
  await wizard.choose(wizard.row(1).getByLabel('Salesforce field'), 'WalkMe Last', 'WalkMe Last Login');
  await expect(wizard.saveButton()).toBeEnabled();

  // Leaving with unsaved changes asks first.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Leave without saving?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(wizard.heading('Field mapping')).toBeVisible();
});

test("the source document's example: Logins Review into the demo Sandbox's Leads on Email, one field made with + New field, preview, SAVE, Run Now, Log", async ({ page, wizard, request }) => {
  await page.goto('/integrations');
  await page.getByRole('link', { name: 'CREATE NEW INTEGRATION' }).click();
  await expect(page).toHaveURL(/\/integrations\/new$/);
  await wizard.throughScreenTwo();
  await wizard.continue();
  await expect(wizard.heading('Field mapping')).toBeVisible();

  // Keep the suggested First Login and Last Login rows; # Logins Last 30 Days goes into a field made here.
  const rowOf = (column: string) => wizard.rows().filter({ has: page.locator(`input[value="${column}"]`) });
  await expect(rowOf('First Login').getByLabel('Salesforce field')).toHaveValue('WalkMe First Login');
  await expect(rowOf('Last Login').getByLabel('Salesforce field')).toHaveValue('WalkMe Last Login');
  for (const column of ['User ID', '# Logins Last 30 Days']) {
    if (await rowOf(column).count()) await rowOf(column).getByRole('button', { name: /^Remove mapping row/ }).click();
  }
  await page.getByRole('button', { name: 'ADD COLUMN' }).click();
  const logins = wizard.rows().last();
  await wizard.choose(logins.getByLabel('Insights report column'), '# Logins', '# Logins Last 30 Days');
  await logins.getByRole('button', { name: '+ New field' }).click();
  await expect(logins.getByLabel('Salesforce field')).toHaveValue('# Logins Last 30 Days');
  const createdToast = page.getByText(/\(\w*Logins_Last_30_Days(_\d+)?__c\) is ready in Salesforce/);
  await expect(page.getByText('Field created.')).toBeVisible();
  await expect(createdToast).toBeVisible();
  const created = /\((\w+__c)\)/.exec((await createdToast.textContent())!)![1];

  // Preview changes: counts and sample changes, nothing written.
  await page.getByRole('button', { name: 'Preview changes' }).click();
  const preview = page.getByRole('dialog', { name: 'Preview changes' });
  await expect(preview.getByRole('table', { name: /Sample changes/ })).toBeVisible({ timeout: 30_000 });
  await expect(preview.getByText('Records changing')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();

  const name = `Logins Review to Lead ${Date.now()}`;
  await page.getByLabel('Integration name').fill(name);
  await wizard.saveButton().click();
  await expect(page).toHaveURL(/\/integrations$/);
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
  await expect(row).toContainText('Logins Review');
  await expect(row).toContainText('Lead');
  await expect(row).toContainText('Sandbox');
  await expect(row).toContainText('Daily at 08:00 UTC');
  await expect(row).toContainText('Not run yet');

  // Run Now from the three dots; the row shows the run until it completes.
  await row.hover();
  await row.getByRole('button', { name: `More actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Run Now' }).click();
  await expect(page.getByText(`${name} is running; its progress shows in the row`)).toBeVisible();
  await expect(row.getByRole('progressbar').or(row.getByText('Completed'))).toBeVisible();
  await expect(row.getByText('Completed')).toBeVisible({ timeout: 60_000 });

  // The Log overlay lists the run; Show log opens the full log.
  await row.hover();
  const dots = row.getByRole('button', { name: `More actions for ${name}` });
  await dots.click();
  await page.getByRole('menuitem', { name: 'Log' }).click();
  const log = page.getByRole('dialog', { name: `Log: ${name}` });
  await expect(log).toContainText('Logins Review');
  await expect(log.getByRole('columnheader', { name: 'Start date' })).toBeVisible();
  await expect(log.getByRole('columnheader', { name: 'Runtime' })).toBeVisible();
  const run = log.getByRole('row').filter({ hasText: 'Completed' });
  await expect(run).toHaveCount(1);
  await run.hover();
  await run.getByRole('link', { name: /^Show log/ }).click();
  await expect(page).toHaveURL(/\/integrations\/[0-9a-f-]+\/runs\/[0-9a-f-]+$/);
  // Converted Leads cannot be updated, so their emails match no record; the log lists those keys too.
  const noMatchFilter = page.getByRole('navigation', { name: 'Rows shown' }).getByRole('link', { name: /^No match \([\d,]+\)$/ });
  const noMatchCount = (await noMatchFilter.textContent())!.match(/\(([\d,]+)\)/)![1];
  expect(Number(noMatchCount.replace(/,/g, ''))).toBeGreaterThan(0);
  await noMatchFilter.click();
  await expect(page).toHaveURL(/show=no-match/);
  await expect(page.getByRole('heading', { name: `Rows with no match (${noMatchCount})` })).toBeVisible();
  await expect(noMatchFilter).toHaveAttribute('aria-current', 'page');
  const firstNoMatch = page.getByRole('table', { name: /^Rows with no match/ }).getByRole('row').nth(1);
  await expect(firstNoMatch).toContainText('@');
  await expect(firstNoMatch).toContainText('No Salesforce record has this key.');

  // The values are on the emulator's Leads.
  type Lead = { Email: string; WalkMe_Last_Login__c: string | null; WalkMe_First_Login__c: string | null } & Record<string, unknown>;
  const leads = (await (await request.get(`${demoSalesforceUrl}/__emulator/orgs/sandbox/sobjects/Lead/records`)).json()) as Lead[];
  const updated = leads.filter((l) => l.WalkMe_Last_Login__c && l.WalkMe_First_Login__c && typeof l[created] === 'number');
  expect(updated.length).toBeGreaterThan(100);
  for (const lead of updated.slice(0, 20)) expect(Date.parse(lead.WalkMe_First_Login__c!)).toBeLessThanOrEqual(Date.parse(lead.WalkMe_Last_Login__c!));
});

test('Edit opens screen 3 and saves a change; the Log closes with X and Escape and gives focus back; an admin deletes after confirming', async ({ page, wizard, grid }) => {
  const name = `Edit me ${Date.now()}`;
  await createIntegration(wizard, name);
  await grid.edit(name);
  await expect(wizard.heading('Field mapping')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Wizard screens' }).getByRole('button', { name: /Field mapping/ })).toHaveAttribute('aria-current', 'step');
  await page.getByLabel('Schedule').selectOption({ label: 'Weekdays at 08:00' });
  await expect(page.getByLabel('Cron expression')).toHaveValue('0 8 * * 1-5');
  await wizard.saveButton().click();
  await expect(page).toHaveURL(/\/integrations$/);
  await expect(grid.row(name)).toContainText('Weekdays at 08:00 UTC');

  const log = page.getByRole('dialog', { name: `Log: ${name}` });
  await grid.menu(name, 'Log');
  await expect(log).toBeVisible();
  await expect(log).toContainText('No runs yet');
  await page.keyboard.press('Escape');
  await expect(log).toBeHidden();
  await expect(grid.dots(name)).toBeFocused();
  await grid.menu(name, 'Log');
  await log.getByRole('button', { name: 'Close' }).click();
  await expect(log).toBeHidden();
  await expect(grid.dots(name)).toBeFocused();

  await grid.menu(name, 'Delete');
  const ask = page.getByRole('alertdialog', { name: `Delete ${name}?` });
  await expect(ask.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await ask.getByRole('button', { name: 'Delete integration' }).click();
  await expect(page.getByText(`${name} will not run again.`)).toBeVisible();
  await expect(grid.row(name)).toHaveCount(0);
});

test('Pause and Resume confirm in sentences; a confirmation comes along after SAVE, goes away on another page and by itself; an error stays until closed', async ({ page, wizard, grid }) => {
  const name = `Pause me ${Date.now()}`;
  await createIntegration(wizard, name);
  // SAVE moves to the grid, and its confirmation is shown there.
  await expect(page.getByRole('dialog', { name: 'Integration saved.' })).toBeVisible();

  await grid.menu(name, 'Pause schedule');
  const paused = page.getByRole('dialog', { name: 'Integration paused.' });
  await expect(paused).toHaveAccessibleDescription(`${name} will not run on its schedule until you resume it; Run Now still works.`);
  // Said once, by the badge under Schedule; Next run shows a dash.
  await expect(grid.row(name).getByText('Paused', { exact: true })).toHaveCount(1);
  await expect(grid.row(name)).toContainText('—none while paused');
  await page.screenshot({ path: 'test-results/integrations-grid-paused.png', fullPage: true });
  // The pointer on the toast stops its clock, so only moving to another page can take it away.
  await paused.hover();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/reports$/);
  await expect(paused).toBeHidden();

  await page.mouse.move(0, 0);
  await grid.goto();
  await grid.menu(name, 'Resume schedule');
  const resumed = page.getByRole('dialog', { name: 'Integration resumed.' });
  await expect(resumed).toHaveAccessibleDescription(new RegExp(`^${name} runs again on its schedule; next run in [^(]+ \\(\\d{4}-\\d{2}-\\d{2} 08:00 UTC\\)\\.$`));
  await expect(grid.row(name)).not.toContainText('Paused');
  await expect(resumed).toBeHidden({ timeout: 10_000 });

  // Deleted in another tab, then paused in this one: the error stays on other pages until its X closes it.
  const other = await page.context().newPage();
  const otherGrid = new GridPage(other);
  await otherGrid.goto();
  await otherGrid.menu(name, 'Delete');
  await other.getByRole('alertdialog', { name: `Delete ${name}?` }).getByRole('button', { name: 'Delete integration' }).click();
  await expect(otherGrid.row(name)).toHaveCount(0);
  await other.close();
  await grid.menu(name, 'Pause schedule');
  // An error toast is announced through a separate alert and hidden from the accessibility tree until focused,
  // so it is found as it looks.
  const refused = page.locator('[role="alertdialog"]', { hasText: 'The schedule was not changed' });
  await expect(refused).toContainText('That integration was not found');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
  await expect(page).toHaveURL(/\/reports$/);
  await page.waitForTimeout(6_000); // longer than a confirmation stays
  await expect(refused).toBeVisible();
  await refused.getByLabel('Dismiss').click();
  await expect(refused).toBeHidden();
});

test('a member can edit and run an integration but is not offered delete', async ({ page, wizard, usersPage, signInAs }) => {
  const name = `Member's ${Date.now()}`;
  await createIntegration(wizard, name);
  const member = await usersPage.addMember('Mira Member', 'Member-pass-42');
  const memberPage = await signInAs(member);
  const grid = new GridPage(memberPage);
  await grid.goto();
  await grid.row(name).hover();
  await grid.dots(name).click();
  await expect(memberPage.getByRole('menuitem', { name: 'Run Now' })).toBeVisible();
  await expect(memberPage.getByRole('menuitem', { name: 'Log' })).toBeVisible();
  await expect(memberPage.getByRole('menuitem', { name: 'Delete' })).toHaveCount(0);
  await memberPage.getByRole('menuitem', { name: 'Run Now' }).click();
  await expect(memberPage.getByText(`${name} is running; its progress shows in the row`)).toBeVisible();
  await expect(grid.row(name).getByText('Completed')).toBeVisible({ timeout: 60_000 });

  await grid.edit(name);
  await expect(memberPage.getByRole('heading', { name: 'Field mapping', exact: true })).toBeVisible();
  await memberPage.getByLabel('Integration name').fill(`${name} (edited)`);
  await memberPage.getByRole('button', { name: 'SAVE' }).click();
  await expect(grid.row(`${name} (edited)`)).toBeVisible();

  // The admin is offered delete.
  await page.goto('/integrations');
  await new GridPage(page).row(`${name} (edited)`).hover();
  await new GridPage(page).dots(`${name} (edited)`).click();
  await expect(page.getByRole('menuitem', { name: 'Delete' })).toBeVisible();
  await page.keyboard.press('Escape');
});
