import { ADMIN, ADMIN_STATE, SetPasswordPage, SignInPage, alertIn, expect, signOut, signedInPage, test, uniqueEmail } from './fixtures';

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

  test('a password set with a reset link, and disabling a user, end their open session', async ({ browser, usersPage: users, signInAs }) => {
    const member = await users.addMember('Sam Session', 'First-password-1');

    const memberPage = await signInAs(member);
    const link = await users.makeResetLink(member.email);
    // The member opens the link somewhere else (another browser) and sets a new password there.
    const elsewhere = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const linkPage = await elsewhere.newPage();
    await linkPage.goto(link);
    await new SetPasswordPage(linkPage).setPassword('Second-password-2');
    await expect(linkPage).toHaveURL(/\/sign-in\?reason=password-set/);
    await elsewhere.close();

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

test.describe('the session ends on the server', () => {
  test('a cookie copied before "Sign out" no longer opens the account page', async ({ browser, request, baseURL }) => {
    const page = await signedInPage(browser, ADMIN.email, ADMIN.password);
    const copied = (await page.context().cookies()).filter((c) => c.name.includes('session-token'));
    expect(copied.length).toBeGreaterThan(0);
    const cookieHeader = copied.map((c) => `${c.name}=${c.value}`).join('; ');
    const before = await request.get('/settings/account', { headers: { cookie: cookieHeader }, maxRedirects: 0 });
    expect(before.status()).toBe(200);

    await signOut(page, ADMIN.name);
    // The same cookie, replayed from elsewhere after sign-out, is sent to sign-in.
    const after = await request.get('/settings/account', { headers: { cookie: cookieHeader }, maxRedirects: 0 });
    expect(after.status()).toBe(307);
    expect(new URL(after.headers().location, baseURL).pathname).toBe('/sign-in');
    await page.context().close();
  });
});

test.describe('security headers', () => {
  test('every answer forbids framing and sniffing, so another site cannot frame the signed-in app', async ({ browser, request, baseURL }) => {
    for (const path of ['/sign-in', '/api/health', '/settings/api-keys']) {
      const answer = await request.get(path, { maxRedirects: 0 });
      const headers = answer.headers();
      expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    }
    // HSTS only on answers that went out over https (the TLS proxy says so).
    expect((await request.get('/sign-in')).headers()['strict-transport-security']).toBeUndefined();
    const overHttps = await request.get('/sign-in', { headers: { 'x-forwarded-proto': 'https' } });
    expect(overHttps.headers()['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    // A page on another origin tries to frame the API keys page of a signed-in admin.
    const context = await browser.newContext({ storageState: ADMIN_STATE });
    const attacker = await context.newPage();
    await attacker.route('http://attacker.test/', (route) => route.fulfill({
      contentType: 'text/html', body: `<iframe id="victim" src="${baseURL}/settings/api-keys" width="800" height="600"></iframe>`,
    }));
    // The top page's load waits for its frame; a refused frame shows the browser's error page, not DIC.
    await attacker.goto('http://attacker.test/', { waitUntil: 'load' });
    const frame = attacker.frames().find((f) => f !== attacker.mainFrame());
    expect(frame).toBeDefined();
    expect(await frame!.getByRole('heading').count()).toBe(0);
    expect(await frame!.getByText('Data Integration Center').count()).toBe(0);
    // The same admin opening the page directly sees it: only framing is refused.
    const direct = await context.newPage();
    await direct.goto('/settings/api-keys');
    await expect(direct.getByRole('heading', { name: 'API keys', exact: true })).toBeVisible();
    await context.close();
  });
});
