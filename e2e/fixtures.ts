import { type Browser, type Page, test as base, expect } from '@playwright/test';

export { expect };

/** The first admin created by the setup project; every spec signs in as this person. */
export const ADMIN = { workspace: 'Acme Success', name: 'Avery Admin', email: 'avery@acme.test', password: 'Correct-horse-42' };
// Per port, so two runs on one machine (E2E_PORT) do not share cookies.
export const ADMIN_STATE = `e2e/.auth/admin-${process.env.E2E_PORT ?? 3100}.json`;

/** The demo org's users (emulators/salesforce/seed/demo.ts). */
export const DEMO_SALESFORCE = {
  sandboxAdmin: { username: 'admin@sandbox.demo', password: 'demo-admin-1' },
  sandboxStandard: { username: 'standard@sandbox.demo', password: 'demo-standard-1' },
  productionAdmin: { username: 'admin@production.demo', password: 'demo-admin-1' },
} as const;

/** A unique email per test so specs do not depend on each other's users. */
export function uniqueEmail(prefix: string) {
  return `${prefix}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@acme.test`;
}

/** The sign-in page, as a person uses it. */
export class SignInPage {
  constructor(readonly page: Page) {}
  async goto() { await this.page.goto('/sign-in'); }
  async signIn(email: string, password: string) {
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    // Wait for the server's answer, so a repeated message is not mistaken for the new one.
    await Promise.all([
      this.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/sign-in'),
      this.page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    // A refused attempt resets the form (React does after an action); wait for that before anyone types again.
    await expect.poll(async () => new URL(this.page.url()).pathname !== '/sign-in'
      || (await this.page.getByLabel('Password').inputValue({ timeout: 1000 }).catch(() => '')) === '').toBe(true);
  }
}

/** The page an invitation or reset link opens, where a person sets their own password. */
export class SetPasswordPage {
  constructor(readonly page: Page) {}
  async setPassword(password: string) {
    await this.page.getByLabel('New password').fill(password);
    await this.page.getByRole('button', { name: 'Set password' }).click();
  }
}

/** Settings › Users, as an admin uses it. */
export class UsersPage {
  constructor(readonly page: Page) {}
  async goto() { await this.page.goto('/settings/users'); }
  /** Fills and sends "Add user"; the person gets no password, but an invitation link. */
  async addUser(user: { name: string; email: string; role: 'admin' | 'member' }) {
    const form = this.page.getByRole('form', { name: 'Add user' });
    await form.getByLabel('Name').fill(user.name);
    await form.getByLabel('Email').fill(user.email);
    await form.getByLabel('Role').selectOption(user.role);
    await form.getByRole('button', { name: 'Add user' }).click();
  }
  row(email: string) { return this.page.getByRole('row').filter({ hasText: email }); }
  /** The Status cell of a user's row: Active, Invited (with the link's expiry), Invitation expired or Disabled. */
  status(email: string) { return this.row(email).getByRole('cell').nth(3); }
  /** The one-time link just shown, as the admin copies it: the invitation under "Add user", or a user's reset link. */
  async shownLink(forEmail?: string): Promise<string> {
    const scope = forEmail ? this.row(forEmail) : this.page.getByRole('form', { name: 'Add user' });
    const link = scope.getByTestId('password-link');
    await expect(link).toHaveValue(/\/set-password\//);
    return link.inputValue();
  }
  /** Clicks "Reset password" in a user's row and returns the reset link shown there. */
  async makeResetLink(email: string): Promise<string> {
    await this.row(email).getByRole('button', { name: `Make a password reset link for ${email}` }).click();
    return this.shownLink(email);
  }
  /** Invites a user with a unique email and returns them with their invitation link. */
  async invite(name: string, role: 'admin' | 'member' = 'member') {
    const user = { name, email: uniqueEmail(name.split(' ')[0].toLowerCase()), role };
    await this.goto();
    await this.addUser(user);
    await expect(this.page.getByText('User added.')).toBeVisible();
    return { ...user, link: await this.shownLink() };
  }
  /**
   * Adds a member who has set their password: invites them, then opens the link in a separate browser
   * context (as the member would) and sets it there. Leaves Settings › Users open; returns who was added.
   */
  async addMember(name: string, password: string) {
    const invited = await this.invite(name);
    const context = await this.page.context().browser()!.newContext({ storageState: { cookies: [], origins: [] } });
    const memberPage = await context.newPage();
    await memberPage.goto(invited.link);
    await new SetPasswordPage(memberPage).setPassword(password);
    await expect(memberPage).toHaveURL(/\/sign-in\?reason=password-set/);
    await context.close();
    // Reloaded, so the row shows them as they are now (Active, with Reset password instead of a new invitation).
    await this.goto();
    return { name, email: invited.email, password, role: 'member' as const };
  }
}

/**
 * The (emulated) Salesforce login and consent pages that "+ Add Account" leads to. The one browser driver
 * of those pages; tests without a browser use `authorizeInBrowser` in emulators/salesforce/testing.ts.
 */
export class SalesforceLoginPage {
  constructor(readonly page: Page) {}
  async logIn(user: { username: string; password: string }, decision: 'Allow' | 'Deny' = 'Allow') {
    await expect(this.page.getByRole('button', { name: 'Log In' })).toBeVisible();
    await this.page.getByLabel('Username').fill(user.username);
    await this.page.getByLabel('Password').fill(user.password);
    await this.page.getByRole('button', { name: 'Log In' }).click();
    await this.page.getByRole('button', { name: decision }).click();
  }
}

/** Opens a new browser context signed in as the given user. */
export async function signedInPage(browser: Browser, email: string, password: string): Promise<Page> {
  // Contexts made inside a test inherit its `use` options, the admin's cookies included: start clean.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(email, password);
  await expect(page.getByRole('heading', { name: 'Integrations', exact: true })).toBeVisible();
  return page;
}

/** Opens the user menu in the header and signs out. */
export async function signOut(page: Page, name: string) {
  await page.getByRole('banner').getByText(name).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** The page's own message box (Next.js keeps an empty route announcer with role alert as well). */
export function alertIn(page: Page) {
  return page.getByRole('main').getByRole('alert');
}

/** Every answer the browser got (pages, server actions, RSC payloads), kept to check that no secret is in one. */
export interface RecordedAnswer { method: string; url: string; serverAction: boolean; text: string }

/** Connectors, as an admin uses it. */
export class ConnectorsPage {
  readonly answers: RecordedAnswer[] = [];
  constructor(readonly page: Page) {}
  /**
   * Passes every request to the app through the test, which reads each answer whole before the browser gets
   * it: none can slip by unread (a streamed answer the browser moved on from, say).
   */
  async recordAnswers(appOrigin: string) {
    await this.page.route((url) => url.origin === appOrigin, async (route) => {
      const request = route.request();
      try {
        const fetched = () => route.fetch({ maxRedirects: 0 });
        // A kept-alive connection the server closed just as it was reused: the browser sends a GET again on a
        // fresh one, so the test does too (once, and never for a POST).
        const response = await fetched().catch((error: unknown) => {
          if (!/ECONNRESET|socket hang up/i.test(String(error)) || !['GET', 'HEAD'].includes(request.method())) throw error;
          return fetched();
        });
        this.answers.push({ method: request.method(), url: request.url(), serverAction: Boolean(request.headers()['next-action']), text: await response.text() });
        await route.fulfill({ response });
      } catch (error) {
        // The browser gave the request up (a prefetch dropped by a navigation, the page closed) and Playwright
        // disposed of its answer: that answer never reached the page, so there is nothing to check.
        if (/disposed|closed/i.test(String(error))) return;
        throw error;
      }
    });
  }
  async goto() { await this.page.goto('/connectors'); }
  /** Opens the folded section whose summary reads `summary` (sections fold once they have items). */
  async unfold(summary: string) {
    const details = this.page.locator('details').filter({ has: this.page.locator('summary', { hasText: new RegExp(`^${summary}$`) }) }).first();
    if ((await details.getAttribute('open')) === null) await details.locator('summary').first().click();
  }
  /** The "Create inbound trigger" form, opened. */
  async newTriggerForm() {
    await this.unfold('Create trigger');
    return this.page.getByRole('form', { name: 'Create inbound trigger' });
  }
  /** The answers so far that contain `secret`. */
  answersWith(secret: string) { return this.answers.filter((a) => a.text.includes(secret)); }
  async connectQualtrics(username: string, apiToken: string) {
    const connection = this.page.getByRole('form', { name: 'Qualtrics connection' });
    await connection.getByLabel('Qualtrics username', { exact: true }).fill(username);
    await connection.getByLabel('API token', { exact: true }).fill(apiToken);
    // "Connect Qualtrics" the first time, "Save connection" once connected.
    await connection.getByRole('button', { name: /^(Connect Qualtrics|Save connection)$/ }).click();
    await expect(this.page.getByText('Qualtrics connection saved.')).toBeVisible();
  }
  /** Opens "Add connector" (folded once a connector exists) and fills it; does not submit. */
  async fillNewConnector(c: { name: string; baseUrl: string; headerName: string; token: string; callsPerMinute?: number }) {
    await this.unfold('Add connector');
    const form = this.page.getByRole('form', { name: 'Add connector' });
    await form.getByLabel('Name', { exact: true }).fill(c.name);
    await form.getByLabel('Base URL', { exact: true }).fill(c.baseUrl);
    await form.getByLabel('Authentication', { exact: true }).selectOption('header');
    await form.getByLabel('Header name', { exact: true }).fill(c.headerName);
    await form.getByLabel('Token', { exact: true }).fill(c.token);
    if (c.callsPerMinute) await form.getByLabel('Calls a minute', { exact: true }).fill(String(c.callsPerMinute));
    return form;
  }
  /** The "Add external action" form, opened. */
  async newActionForm() {
    await this.unfold('Add external action');
    return this.page.getByRole('form', { name: 'Add external action' });
  }
}

type Fixtures = {
  /** Connectors on the test's own page, recording every answer the page gets. */
  connectorsPage: ConnectorsPage;
  /** The sign-in page on the test's own page. */
  signInPage: SignInPage;
  /** Settings › Users on the test's own page. */
  usersPage: UsersPage;
  /** The demo Salesforce login and consent pages on the test's own page. */
  salesforceLogin: SalesforceLoginPage;
  /** Another person in their own browser context, signed in; closed when the test ends. */
  signInAs: (user: { email: string; password: string }) => Promise<Page>;
};

/** Playwright's `test` with this app's page objects as fixtures: `test('…', async ({ usersPage }) => …)`. */
export const test = base.extend<Fixtures>({
  signInPage: async ({ page }, use) => { await use(new SignInPage(page)); },
  usersPage: async ({ page }, use) => { await use(new UsersPage(page)); },
  connectorsPage: async ({ page, baseURL }, use) => {
    const connectors = new ConnectorsPage(page);
    await connectors.recordAnswers(new URL(baseURL!).origin);
    await use(connectors);
    // A request still in flight when the test ends (a prefetch, say) would have its answer disposed with the
    // closing context, failing the test after its checks passed: stop routing first, and drop such answers.
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  },
  salesforceLogin: async ({ page }, use) => { await use(new SalesforceLoginPage(page)); },
  signInAs: async ({ browser }, use) => {
    const opened: Page[] = [];
    await use(async (user) => {
      const page = await signedInPage(browser, user.email, user.password);
      opened.push(page);
      return page;
    });
    for (const page of opened) await page.context().close();
  },
});
