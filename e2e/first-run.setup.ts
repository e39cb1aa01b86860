import { ADMIN, ADMIN_STATE, expect, test } from './fixtures';

test('first run: setup creates the workspace and first admin, then disappears', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Set up Data Integration Center' })).toBeVisible();

  // Bad input is explained field by field.
  await page.getByLabel('Workspace name').fill(ADMIN.workspace);
  await page.getByLabel('Your name').fill(ADMIN.name);
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByText('Enter a valid email address, like name@company.com.')).toBeVisible();
  await expect(page.getByText('Use at least 12 characters.')).toBeVisible();
  // React resets the form after its action; the password is not echoed back, so wait until it is cleared.
  await expect(page.getByLabel('Password')).toHaveValue('');
  await expect(page.getByLabel('Workspace name')).toHaveValue(ADMIN.workspace);

  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill('aaaaaaaaaaaaaaaa');
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expect(page.getByText('Mix letters with numbers or symbols.')).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveValue('');

  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  // The demo data load queued by setup shares PGlite's one connection, a batch at a time: the first sign-in
  // waits for a batch, not for the whole load, so the usual wait is enough.
  await expect(page.getByRole('heading', { name: 'Integrations', exact: true })).toBeVisible();
  await expect(page.getByRole('banner').getByText(ADMIN.name)).toBeVisible();

  // The setup page is gone once a user exists.
  await page.goto('/setup');
  await expect(page).not.toHaveURL(/\/setup$/);
  await page.context().storageState({ path: ADMIN_STATE });
});
