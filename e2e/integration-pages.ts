import type { Locator, Page } from '@playwright/test';
import { ADMIN_STATE, DEMO_SALESFORCE, expect, SalesforceLoginPage, test as base } from './fixtures';

/** Accounts, as a person connects an org: "+ Add Account", then the (emulated) Salesforce login and consent. */
export class AccountsPage {
  constructor(readonly page: Page) {}
  async connect(section: 'Sandbox' | 'Production', user: { username: string; password: string }) {
    await this.page.goto('/accounts');
    const sectionRegion = this.page.getByRole('region', { name: section });
    if (await sectionRegion.getByRole('row').filter({ hasText: user.username }).count()) return;
    await this.page.getByRole('form', { name: `Add ${section} account` }).getByRole('button', { name: '+ Add Account' }).click();
    await new SalesforceLoginPage(this.page).logIn(user);
    await expect(this.page).toHaveURL(/\/accounts\?connected=/);
  }
}

/** The integration wizard, screen by screen, driven by its labels. */
export class WizardPage {
  constructor(readonly page: Page) {}
  heading(name: string) { return this.page.getByRole('heading', { name, exact: true }); }
  /** Types into a combobox and picks the option whose name starts with `option`. */
  async choose(combobox: Locator, search: string, option: string) {
    await combobox.click();
    await combobox.fill(search);
    await this.page.getByRole('option', { name: new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\#]/g, '\\$&')}(\\s*,|$)`) }).first().click();
    await expect(combobox).toHaveValue(option);
  }
  async continue() { await this.page.getByRole('button', { name: 'CONTINUE' }).click(); }
  async back() { await this.page.getByRole('button', { name: 'Back' }).click(); }
  saveButton() { return this.page.getByRole('button', { name: 'SAVE' }); }
  report() { return this.page.getByLabel('Choose Insights Report'); }
  object() { return this.page.getByLabel('Choose target Salesforce object'); }
  key(n: number) { return this.page.getByRole('group', { name: `Identifier ${n}` }); }
  row(n: number) { return this.page.getByRole('group', { name: `Mapping row ${n}` }); }
  rows() { return this.page.getByRole('group', { name: /^Mapping row \d+$/ }); }
  payloadRow(n: number) { return this.page.getByRole('group', { name: `Payload row ${n}` }); }
  condition(n: number) { return this.page.getByRole('group', { name: `Condition ${n}` }); }
  /** Screen 1 and 2 for a connector: the connector named `connector` (its radio starts so), the report, and the JSON event or action. */
  async toConnectorAction(connector: string, report: string, action: string) {
    await this.page.getByRole('radio', { name: new RegExp(`^${connector}`) }).check();
    await this.continue();
    await expect(this.heading('Report and action')).toBeVisible();
    await this.choose(this.report(), report, report);
    await this.page.getByRole('radio', { name: new RegExp(`^${action}`) }).check();
    await this.continue();
    await expect(this.heading('Payload mapping')).toBeVisible();
  }
  /** Fills payload row `n` (adding it with ADD COLUMN when there is none yet): a report column into a payload key. */
  async mapToKey(n: number, column: string, key: string) {
    if ((await this.payloadRow(n).count()) === 0) await this.page.getByRole('button', { name: 'ADD COLUMN' }).click();
    await this.choose(this.payloadRow(n).getByLabel('Insights report column'), column, column);
    await this.payloadRow(n).getByLabel('Payload key').fill(key);
  }
  /** Adds a row-filter condition: column, operator (its words, like "is at most") and value. */
  async addCondition(column: string, operator: string, value?: string) {
    await this.page.getByRole('button', { name: 'Add condition' }).click();
    const n = await this.page.getByRole('group', { name: /^Condition \d+$/ }).count();
    await this.condition(n).getByLabel('Column').selectOption(column);
    await this.condition(n).getByLabel('Operator').selectOption({ label: operator });
    if (value !== undefined) await this.condition(n).getByLabel('Value').fill(value);
  }
  /** Screens 1 and 2 of the source document's example: the Sandbox account, Logins Review into Lead, matched on Email. */
  async throughScreenTwo(objectName = 'Lead') {
    await this.page.goto('/integrations/new');
    await this.page.getByRole('radio', { name: /admin@sandbox\.demo/ }).check();
    await this.continue();
    await expect(this.heading('Report and object')).toBeVisible();
    await this.choose(this.report(), 'Logins', 'Logins Review');
    await this.choose(this.object(), objectName, objectName);
    await expect(this.key(1).getByLabel('Insights report unique identifier')).toHaveValue('User ID');
    await this.choose(this.key(1).getByLabel('Insights report unique identifier'), 'Email', 'Email');
    await this.choose(this.key(1).getByLabel('Salesforce object unique identifier'), 'Email', 'Email');
  }
}

/** The Integrations grid: rows by name, the pencil and the three dots. */
export class GridPage {
  constructor(readonly page: Page) {}
  async goto() { await this.page.goto('/integrations'); }
  row(name: string) { return this.page.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) }); }
  dots(name: string) { return this.row(name).getByRole('button', { name: `More actions for ${name}` }); }
  /** Opens the row's three-dots menu and picks an item. */
  async menu(name: string, item: string) {
    await this.row(name).hover();
    await this.dots(name).click();
    await this.page.getByRole('menuitem', { name: item }).click();
  }
  async edit(name: string) {
    await this.row(name).hover();
    await this.row(name).getByRole('link', { name: `Edit ${name}` }).click();
  }
}

/** Creates an integration through the wizard with the suggested rows, and returns to the grid. */
export async function createIntegration(wizard: WizardPage, name: string) {
  await wizard.throughScreenTwo();
  await wizard.continue();
  await expect(wizard.row(1).getByLabel('Salesforce field')).not.toHaveValue('');
  await wizard.page.getByLabel('Integration name').fill(name);
  await wizard.saveButton().click();
  await expect(wizard.page).toHaveURL(/\/integrations$/);
}

/** Specs of integrations: signed in as the first admin, with the Sandbox demo org connected. */
export const test = base.extend<{ accounts: AccountsPage; wizard: WizardPage; grid: GridPage }>({
  storageState: ADMIN_STATE,
  accounts: async ({ page }, provide) => { await provide(new AccountsPage(page)); },
  wizard: async ({ page, accounts }, provide) => {
    await accounts.connect('Sandbox', DEMO_SALESFORCE.sandboxAdmin);
    await provide(new WizardPage(page));
  },
  grid: async ({ page }, provide) => { await provide(new GridPage(page)); },
});
export { expect };
