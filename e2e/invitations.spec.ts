import { ADMIN_STATE, SetPasswordPage, SignInPage, alertIn, expect, test } from './fixtures';

test.use({ storageState: ADMIN_STATE });

test('an invited user sets their own password through the invitation link, which works only once', async ({ browser, usersPage: users }) => {
  const invited = await users.invite('Ines Invited');
  await expect(users.row(invited.email).getByRole('cell').nth(2)).toHaveText('Member');

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(invited.link);
  await expect(page.getByRole('heading', { name: 'Welcome, Ines Invited' })).toBeVisible();
  await expect(page.getByText(invited.email)).toBeVisible();
  // A weak password is refused at its field; the link still works afterwards.
  const setPassword = new SetPasswordPage(page);
  await setPassword.setPassword('short');
  await expect(page.getByText('Use at least 12 characters.')).toBeVisible();
  await setPassword.setPassword('Ines-own-password-1');
  await expect(page).toHaveURL(/\/sign-in\?reason=password-set/);
  await expect(page.getByText('Your password is set. Sign in with it.')).toBeVisible();

  const signIn = new SignInPage(page);
  await signIn.signIn(invited.email, 'Ines-own-password-1');
  await expect(page.getByRole('heading', { name: 'Integrations', exact: true })).toBeVisible();

  // The same link again: it is used up.
  await page.goto(invited.link);
  await expect(page.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
  await context.close();
});

test('an admin makes a reset link; the old password stops working and an older link is replaced', async ({ browser, usersPage: users }) => {
  const member = await users.addMember('Remy Reset', 'Remy-first-pass-1');
  await users.goto();
  const older = await users.makeResetLink(member.email);
  await users.goto();
  const newer = await users.makeResetLink(member.email);
  expect(newer).not.toBe(older);

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(older);
  await expect(page.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
  await page.goto(newer);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await new SetPasswordPage(page).setPassword('Remy-second-pass-2');
  await expect(page).toHaveURL(/\/sign-in\?reason=password-set/);

  const signIn = new SignInPage(page);
  await signIn.signIn(member.email, 'Remy-first-pass-1');
  await expect(alertIn(page)).toHaveText('Wrong email or password. Check both and try again.');
  await signIn.signIn(member.email, 'Remy-second-pass-2');
  await expect(page.getByRole('heading', { name: 'Integrations', exact: true })).toBeVisible();
  await context.close();
});
