import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { DEMO_QUALTRICS_USER, DEMO_URL_TOKEN_ID } from '../emulators/qualtrics/state';
import { demoQualtricsUrl } from '../playwright.config';
import { ADMIN_STATE } from './fixtures';
import { GridPage, WizardPage } from './integration-pages';

test.use({ storageState: ADMIN_STATE });
test.describe.configure({ mode: 'serial' });

const EVENT_URL = `${demoQualtricsUrl}/inbound-event/v1/events/json/triggers?urlTokenId=${DEMO_URL_TOKEN_ID}`;
const BASIC = `Basic ${Buffer.from(`${DEMO_QUALTRICS_USER.username}:${DEMO_QUALTRICS_USER.apiToken}`).toString('base64')}`;
const INTEGRATION = 'NPS detractors to Qualtrics';

interface ReceivedEvent { authorizationHeader: string; body: Record<string, unknown> }

/** Waits until the connector integration's last run shows `finished` (its status and message). */
async function lastRunShows(page: Page, finished: RegExp) {
  const row = page.getByRole('row').filter({ hasText: INTEGRATION });
  await expect.poll(async () => {
    await page.reload();
    return (await row.textContent()) ?? '';
  }, { timeout: 120_000, intervals: [1000] }).toMatch(finished);
}

test('Qualtrics: connect, Test shows 202 with ids, an NPS detractors integration made in the wizard, Run Now, nothing new on the second run', async ({ page, request }) => {
  // Two report reads (the preview, then the run) over the demo's NPS rows: more than the default minute on a busy machine.
  test.setTimeout(180_000);
  const answers: string[] = [];
  page.on('response', (r) => { void r.text().then((t) => answers.push(t), () => undefined); });

  await page.goto('/connectors');
  const connection = page.getByRole('form', { name: 'Qualtrics connection' });
  await connection.getByLabel('Qualtrics username').fill(DEMO_QUALTRICS_USER.username);
  await connection.getByLabel('API token').fill(DEMO_QUALTRICS_USER.apiToken);
  await connection.getByRole('button', { name: 'Connect Qualtrics' }).click();
  await expect(page.getByText('Qualtrics connection saved.')).toBeVisible();
  await expect(page.getByTestId('masked-header')).toHaveText(`Basic ••••••••••••${BASIC.slice(-4)}`);
  await page.screenshot({ path: 'test-results/connectors-qualtrics.png', fullPage: true });

  // Neither the page nor any answer so far holds the token or the whole header.
  const html = await page.content();
  expect(html).not.toContain(DEMO_QUALTRICS_USER.apiToken);
  expect(html).not.toContain(BASIC.slice(6));
  for (const text of answers) {
    expect(text).not.toContain(DEMO_QUALTRICS_USER.apiToken);
    expect(text).not.toContain(BASIC.slice(6));
  }

  // A JSON event pasted from the workflow, tested with chosen key-value pairs.
  const event = page.getByRole('form', { name: 'Add JSON event' });
  await event.getByLabel('Name').fill('NPS detractor follow-up');
  await event.getByLabel('JSON event URL').fill('https://example.com/not-qualtrics');
  await event.getByRole('button', { name: 'Save JSON event' }).click();
  await expect(event.getByText(/must be on your Qualtrics data center/).first()).toBeVisible();
  await event.getByLabel('JSON event URL').fill(EVENT_URL);
  await event.getByLabel('Test key-value pairs').fill('Company GSID: 1P02ABC\nRenewal Date: 2027-01-31');
  await event.getByRole('button', { name: 'Test' }).click();
  await expect(event.getByTestId('test-status')).toHaveText('202 (accepted)');
  await expect(event.getByTestId('test-event-id')).toHaveText(/^EV_/);
  await expect(event.getByTestId('test-request-id')).toHaveText(/^[0-9a-f-]{36}$/);
  await expect(event.getByTestId('test-body')).toContainText('"httpStatus":"202 - Accepted"');
  await event.getByRole('button', { name: 'Save JSON event' }).click();
  await expect(page.getByText('JSON event saved.')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'NPS detractor follow-up' })).toContainText(EVENT_URL);

  // The integration, made in the wizard from the Connectors page: NPS report to the JSON event, only detractors.
  await (await request.delete(`${demoQualtricsUrl}/__emulator/events`)).dispose();
  await page.getByRole('link', { name: 'Create integration' }).click();
  await expect(page).toHaveURL(/\/integrations\/new$/);
  const wizard = new WizardPage(page);
  await wizard.toConnectorAction('Qualtrics', 'NPS', 'NPS detractor follow-up');
  // A JSON event's keys are free: one blank row to start with.
  await expect(wizard.payloadRow(1).getByLabel('Payload key')).toHaveValue('');
  await wizard.mapToKey(1, 'User ID', 'userId');
  await wizard.mapToKey(2, 'Email', 'email');
  await wizard.mapToKey(3, 'NPS Score', 'email');
  await wizard.addCondition('NPS Score', 'is at most', '6');
  await page.getByLabel('Integration name').fill(INTEGRATION);
  await expect(page.getByLabel('Time zone')).toHaveValue('UTC');
  // The same key twice is refused beside its row, and nothing is saved.
  await wizard.saveButton().click();
  await expect(wizard.payloadRow(3)).toContainText('The key "email" is already mapped in row 2. Each key takes one column.');
  await wizard.payloadRow(3).getByLabel('Payload key').fill('score');
  await page.screenshot({ path: 'test-results/connectors-wizard-payload.png', fullPage: true });
  // Preview changes: the counts and the JSON bodies a run would send, and no call to Qualtrics.
  await page.getByRole('button', { name: 'Preview changes' }).click();
  const preview = page.getByRole('dialog', { name: 'Preview changes' });
  await expect(preview).toHaveAccessibleDescription('What a run would send now. Nothing is sent to Qualtrics.');
  await expect(preview.getByText('Sample payloads')).toBeVisible({ timeout: 30_000 });
  await expect(preview.getByText(/^A run now would make [\d,]+ calls to “NPS detractor follow-up” through Qualtrics/)).toBeVisible();
  const firstPayload = preview.getByRole('listitem', { name: /^Payload for / }).first();
  await expect(firstPayload).toContainText('"userId"');
  await expect(firstPayload).toContainText('"score"');
  await page.screenshot({ path: 'test-results/connectors-wizard-preview.png', fullPage: true });
  expect((await (await request.get(`${demoQualtricsUrl}/__emulator/events`)).json()) as ReceivedEvent[]).toHaveLength(0);
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();
  await wizard.saveButton().click();
  await expect(page).toHaveURL(/\/integrations$/);
  const grid = new GridPage(page);
  await expect(grid.row(INTEGRATION)).toContainText('Qualtrics · NPS detractor follow-up');
  await expect(grid.row(INTEGRATION)).toContainText('Qualtrics JSON event');
  await expect(grid.row(INTEGRATION)).toContainText('Daily at 08:00 UTC');

  // The detractors, as the report shows them.
  const csv = await (await page.request.get('/reports/nps/csv')).text();
  const rows = parse(csv, { columns: true, bom: true }) as Array<Record<string, string>>;
  const detractors = rows.filter((r) => r['NPS Score'] !== '' && Number(r['NPS Score']) <= 6);
  expect(detractors.length).toBeGreaterThan(0);
  expect(detractors.every((r) => r['NPS Category'] === 'Detractor')).toBe(true);

  // Run Now from the grid's three dots, as for a Salesforce integration.
  await grid.menu(INTEGRATION, 'Run Now');
  await expect(page.getByText(`${INTEGRATION} is running; its progress shows in the row`)).toBeVisible();
  await expect(grid.row(INTEGRATION).getByText('Completed')).toBeVisible({ timeout: 120_000 });
  await page.goto('/connectors');
  await lastRunShows(page, new RegExp(`Completed.*0 unchanged, ${detractors.length} sent, 0 rejected`));
  const events = (await (await request.get(`${demoQualtricsUrl}/__emulator/events`)).json()) as ReceivedEvent[];
  expect(events).toHaveLength(detractors.length);
  expect(events.every((e) => e.authorizationHeader === BASIC)).toBe(true);
  const byUser = new Map(events.map((e) => [e.body.userId, e.body]));
  expect(byUser.size).toBe(detractors.length);
  for (const d of detractors) {
    expect(byUser.get(d['User ID'])).toEqual({ userId: d['User ID'], email: d.Email === '' ? null : d.Email, score: Number(d['NPS Score']) });
  }

  // The second run finds every row unchanged and sends nothing.
  await grid.goto();
  await grid.menu(INTEGRATION, 'Run Now');
  await expect(page.getByText(`${INTEGRATION} is running; its progress shows in the row`)).toBeVisible();
  await page.goto('/connectors');
  await lastRunShows(page, new RegExp(`Completed.*${detractors.length} unchanged, 0 sent`));
  expect((await (await request.get(`${demoQualtricsUrl}/__emulator/events`)).json()) as ReceivedEvent[]).toHaveLength(detractors.length);

  // Edit reopens the same wizard at the payload mapping, with the keys and the filter as saved.
  await page.getByRole('link', { name: `Edit ${INTEGRATION}` }).click();
  await expect(wizard.heading('Payload mapping')).toBeVisible();
  await expect(wizard.payloadRow(3).getByLabel('Payload key')).toHaveValue('score');
  await expect(wizard.condition(1).getByLabel('Value')).toHaveValue('6');
  await expect(page.getByRole('navigation', { name: 'Wizard screens' })).toContainText('Report and action');

  // The old "Send a report" address leads to the wizard.
  await page.goto('/connectors/send');
  await expect(page).toHaveURL(/\/integrations\/new$/);
});

test('inbound trigger: created with credentials shown once, called as Gainsight would, captured JSON and the run it started', async ({ page, playwright }) => {
  await page.goto('/connectors');
  const create = page.getByRole('form', { name: 'Create inbound trigger' });
  await create.getByLabel('Name').fill('Gainsight renewal rule');
  await create.getByLabel('What a call does').selectOption('run_integration');
  await create.getByLabel('User-defined fields').fill('Company GSID, Renewal Date');
  await create.getByLabel('Integration').selectOption({ label: INTEGRATION });
  await create.getByRole('button', { name: 'Create trigger' }).click();
  const credentials = page.getByRole('dialog', { name: 'Credentials for “Gainsight renewal rule”' });
  await expect(credentials).toBeVisible();
  const url = (await credentials.getByTestId('trigger-url').textContent())!;
  const header = (await credentials.getByTestId('trigger-header').textContent())!;
  expect(url).toMatch(/\/api\/v1\/inbound\/[0-9a-f-]{36}$/);
  await credentials.getByRole('button', { name: 'I have copied them' }).click();
  await expect(credentials).toBeHidden();

  // Gainsight's "Call External API": JSON with Basic credentials, no session.
  const gainsight = await playwright.request.newContext();
  const refused = await gainsight.post(url, { headers: { authorization: 'Basic d3Jvbmc6d3Jvbmc=', 'content-type': 'application/json' }, data: { 'Company GSID': 'x' } });
  expect(refused.status()).toBe(401);
  const res = await gainsight.post(url, { headers: { authorization: header, 'content-type': 'application/json' }, data: { 'Company GSID': '1P02ABC', 'Renewal Date': '2027-01-31' } });
  expect(res.status()).toBe(202);
  const body = await res.json() as { eventId: string; requestId: string };
  expect(body).toEqual({ eventId: expect.stringMatching(/^EV_/), requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  await gainsight.dispose();

  await page.reload();
  const trigger = page.getByRole('listitem', { name: 'Trigger Gainsight renewal rule' });
  await expect(trigger.getByTestId('captured-json')).toContainText('"Company GSID": "1P02ABC"');
  await expect(trigger.getByText('Company GSID: carried')).toBeVisible();
  await expect(trigger.getByText('Renewal Date: carried')).toBeVisible();
  await expect(trigger).toContainText(body.eventId);
  // The password is gone from the page once it has been shown.
  await expect(page.getByTestId('trigger-password')).toHaveCount(0);
  const row = page.getByRole('row').filter({ hasText: INTEGRATION });
  await expect.poll(async () => { await page.reload(); return (await row.textContent()) ?? ''; }, { timeout: 60_000 }).toMatch(/(Completed|Failed).*\(inbound trigger\)/);
  await page.screenshot({ path: 'test-results/connectors-triggers.png', fullPage: true });

  // The Integrations grid shows the integration with its destination and the run the call started.
  await page.goto('/integrations');
  const gridRow = page.getByRole('row').filter({ hasText: INTEGRATION });
  await expect(gridRow).toContainText('Qualtrics · NPS detractor follow-up');
  await expect(gridRow).toContainText(/Completed|Failed/);
  await page.screenshot({ path: 'test-results/connectors-grid.png', fullPage: true });
});
