import { ADMIN_STATE, SetPasswordPage, SignInPage, alertIn, expect, test } from './fixtures';

test.use({ storageState: ADMIN_STATE });

test('an invited user sets their own password through the invitation link, which works only once', async ({ browser, usersPage: users }) => {
  const invited = await users.invite('Ines Invited');
  await expect(users.row(invited.email).getByRole('cell').nth(2)).toHaveText('Member');
  // Until they set a password the table says Invited, with the link's expiry (a week), not Active.
  await expect(users.status(invited.email)).toHaveText(/^Invited\s*Link works until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  const until = new Date(`${(await users.status(invited.email).textContent())!.match(/(\d{4}-\d{2}-\d{2} \d{2}:\d{2})/)![1].replace(' ', 'T')}:00Z`);
  expect(until.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);
  await expect(users.row(invited.email).getByRole('button', { name: `Make a new invitation link for ${invited.email}` })).toBeVisible();

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
  await users.goto();
  await expect(users.status(invited.email)).toHaveText('Active');
  await expect(users.row(invited.email).getByRole('button', { name: `Make a password reset link for ${invited.email}` })).toBeVisible();

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

test('a new invitation link for someone who has not set a password replaces the first one', async ({ browser, usersPage: users }) => {
  const invited = await users.invite('Nico New-link');
  await users.goto();
  await users.row(invited.email).getByRole('button', { name: `Make a new invitation link for ${invited.email}` }).click();
  await expect(users.row(invited.email).getByText('New invitation link made. Copy it and send it to them; their older link stops working.')).toBeVisible();
  const newer = await users.shownLink(invited.email);
  expect(newer).not.toBe(invited.link);
  await expect(users.row(invited.email).getByRole('textbox', { name: 'Invitation link' })).toHaveValue(newer);

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(invited.link);
  await expect(page.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
  await page.goto(newer);
  await expect(page.getByRole('heading', { name: 'Welcome, Nico New-link' })).toBeVisible();
  await context.close();
});

test('disabling and enabling a user says what happened to them', async ({ usersPage: users }) => {
  const member = await users.addMember('Dora Disabled', 'Dora-own-pass-12');
  await users.goto();
  await users.row(member.email).getByRole('button', { name: `Disable ${member.email}` }).click();
  await expect(users.row(member.email).getByText(`${member.email} is disabled and signed out. They cannot sign in until you enable them again.`)).toBeVisible();
  await expect(users.status(member.email)).toHaveText('Disabled');
  await users.row(member.email).getByRole('button', { name: `Enable ${member.email}` }).click();
  await expect(users.row(member.email).getByText(`${member.email} is enabled. They can sign in again.`)).toBeVisible();
  await expect(users.status(member.email)).toHaveText('Active');
});
