import { ADMIN_STATE, alertIn, expect, test, uniqueEmail } from './fixtures';

test.use({ storageState: ADMIN_STATE });

test('a member cannot open admin settings, and replaying an admin action as a member is refused', async ({ page, usersPage: users, signInAs }) => {
  const member = await users.addMember('Mia Member', 'Member-password-1');

  const memberPage = await signInAs(member);
  for (const [path, what] of [['/settings/users', 'manage users'], ['/settings/api-keys', 'manage API keys'], ['/settings/audit', 'read the audit log']]) {
    await memberPage.goto(path);
    await expect(alertIn(memberPage)).toContainText(`Only workspace admins can ${what}.`);
  }
  await memberPage.goto('/settings');
  await expect(memberPage.getByRole('link', { name: /Users/ })).toHaveCount(0);

  // Capture the exact server-action request an admin's "Add user" sends…
  const intruder = { name: 'Ian Intruder', email: uniqueEmail('ian'), password: 'Intruder-password-1', role: 'admin' as const };
  let captured: { url: string; headers: Record<string, string>; body: string } | undefined;
  await page.route('**/settings/users', async (route) => {
    const request = route.request();
    if (request.method() === 'POST' && request.headers()['next-action']) {
      captured = { url: request.url(), headers: request.headers(), body: request.postData() ?? '' };
      return route.abort();
    }
    return route.continue();
  });
  await users.addUser(intruder);
  await expect.poll(() => captured).toBeDefined();
  await page.unroute('**/settings/users');

  // …and replay it with the member's session cookie.
  const { cookie: _adminCookie, ...headers } = captured!.headers;
  const response = await memberPage.request.post(captured!.url, { headers, data: captured!.body });
  expect(await response.text()).toContain('Only workspace admins can add users.');

  await users.goto();
  await expect(users.row(member.email)).toBeVisible();
  await expect(users.row(intruder.email)).toHaveCount(0);
});

test('a new API key is shown once, then only by its prefix, and a revoked key is marked Revoked and audited', async ({ page }) => {
  await page.goto('/settings/api-keys');
  await page.getByRole('form', { name: 'Create API key' }).getByLabel('Key name').fill('Production app');
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = await page.getByTestId('new-api-key').inputValue();
  await page.getByRole('button', { name: 'Copy new api key' }).click();
  await expect(page.getByText('Copied to the clipboard.').or(page.getByText('Your browser refused the clipboard'))).toBeVisible();
  expect(secret).toMatch(/^dic_[A-Za-z0-9_-]{20,}$/);
  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: 'Production app' }).first()).toContainText(`${secret.slice(0, 10)}…`);
  await page.getByRole('row').filter({ hasText: 'Production app' }).first().getByRole('button', { name: 'Revoke Production app' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Production app' }).first()).toContainText('Revoked');

  await page.goto('/settings/audit');
  const filter = page.getByRole('form', { name: 'Filter audit log' });
  await filter.getByLabel('Action').selectOption({ label: 'API key created' });
  await filter.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/action=api_key\.create/);
  const created = page.getByRole('row').filter({ hasText: 'Created API key "Production app"' }).first();
  await expect(created).toBeVisible();
  // The action reads in words; its code (api_key.create) is not shown.
  await expect(created.getByRole('cell').nth(2)).toHaveText('API key created');
  // Dates the wrong way round are said, not silently answered with nothing.
  await page.goto('/settings/audit?from=2026-12-02&to=2026-12-01');
  await expect(page.getByText('Choose a date on or after From.')).toBeVisible();
  await expect(page.getByText('Choose a From date on or before the To date.')).toBeVisible();
});
