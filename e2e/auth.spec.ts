import { ADMIN, ADMIN_STATE, SignInPage, alertIn, expect, signOut, test, uniqueEmail } from './fixtures';

test.describe('signing in and out', () => {
  test('a wrong password or a malformed email is refused with a clear message; the right password signs in; signed out, app pages lead to sign-in', async ({ page, signInPage: signIn }) => {
    await signIn.goto();
    await signIn.signIn(ADMIN.email, 'Wrong-password-1');
    await expect(alertIn(page)).toHaveText('Wrong email or password. Check both and try again.');

    await signIn.signIn('not-an-email', 'whatever');
    await expect(page.getByText('Enter a valid email address, like name@company.com.')).toBeVisible();

    await signIn.signIn(ADMIN.email, ADMIN.password);
    await expect(page.getByRole('heading', { name: 'Integrations', exact: true })).toBeVisible();
    await signOut(page, ADMIN.name);
    await expect(page.getByText('You are signed out.')).toBeVisible();

    // Signed out: app pages send you back to sign-in.
    await page.goto('/settings/users');
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test('after five wrong passwords for one email, sign-in is refused for a while', async ({ page, signInPage: signIn }) => {
    await signIn.goto();
    const email = uniqueEmail('guesser');
    for (let i = 0; i < 5; i++) {
      await signIn.signIn(email, `Wrong-password-${i}`);
      await expect(alertIn(page)).toHaveText('Wrong email or password. Check both and try again.');
    }
    await signIn.signIn(email, 'Wrong-password-again');
    await expect(alertIn(page)).toContainText('Too many failed sign-ins');
  });
});

test.describe('sessions end when an admin changes the account', () => {
  test.use({ storageState: ADMIN_STATE });

  test('resetting a password and disabling a user end their open session', async ({ usersPage: users, signInAs }) => {
    const member = await users.addMember('Sam Session', 'First-password-1');

    const memberPage = await signInAs(member);
    await users.row(member.email).getByLabel(`New password for ${member.email}`).fill('Second-password-2');
    await users.row(member.email).getByRole('button', { name: 'Reset password' }).click();
    await expect(users.row(member.email).getByText('Password reset. Their open sessions have ended.')).toBeVisible();

    await memberPage.goto('/reports');
    await expect(memberPage).toHaveURL(/\/sign-in\?reason=session-ended/);
    await expect(memberPage.getByText('Your session has ended')).toBeVisible();

    // Signed in again with the new password, then disabled: the session ends and sign-in is refused.
    await new SignInPage(memberPage).signIn(member.email, 'Second-password-2');
    await expect(memberPage.getByRole('heading', { name: 'Integrations', exact: true })).toBeVisible();
    await users.goto();
    await users.row(member.email).getByRole('button', { name: `Disable ${member.email}` }).click();
    await expect(users.row(member.email).getByRole('cell', { name: 'Disabled' })).toBeVisible();
    await memberPage.goto('/integrations');
    await expect(memberPage).toHaveURL(/\/sign-in\?reason=session-ended/);
    await new SignInPage(memberPage).signIn(member.email, 'Second-password-2');
    await expect(alertIn(memberPage)).toHaveText('This account is disabled. Ask an admin of your workspace to enable it.');
  });
});
