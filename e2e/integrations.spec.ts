import { expect, test } from './integration-pages';

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
  await expect(page.getByRole('option', { name: /^WalkMe First Login,/ })).toHaveCount(0);
  await added.getByLabel('Salesforce field').fill('Email');
  await expect(page.getByRole('option', { name: /^Email,/ })).toHaveCount(0);
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
