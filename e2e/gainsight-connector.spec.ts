import { parse } from 'csv-parse/sync';
import { DEMO_ACCESS_KEY } from '../emulators/gainsight/model/store';
import { DEMO_QUALTRICS_USER } from '../emulators/qualtrics/state';
import { demoGainsightUrl } from '../playwright.config';
import { ADMIN_STATE, expect, test } from './fixtures';
import { GridPage, WizardPage } from './integration-pages';

test.use({ storageState: ADMIN_STATE });
test.describe.configure({ mode: 'serial' });

const BASIC = `Basic ${Buffer.from(`${DEMO_QUALTRICS_USER.username}:${DEMO_QUALTRICS_USER.apiToken}`).toString('base64')}`;
const GAINSIGHT_HOST = new URL(demoGainsightUrl).host;

interface ReceivedCall { hook: string; method: string; headers: Record<string, string>; body: unknown }

test('Gainsight-style connector: Accesskey token, an action with {{Column}} tokens tested with sample values before saving, and one connector per host', async ({ connectorsPage, page, request }) => {
  await connectorsPage.goto();
  const form = await connectorsPage.fillNewConnector({ name: 'Gainsight', baseUrl: demoGainsightUrl, headerName: 'Accesskey', token: DEMO_ACCESS_KEY, callsPerMinute: 600 });
  await form.getByRole('button', { name: 'Add connector' }).click();
  await expect(page.getByText('Connector saved.')).toBeVisible();
  const connector = page.getByRole('listitem', { name: 'Connector Gainsight' });
  await expect(connector).toContainText(`Header token (Accesskey) · secret ending in ${DEMO_ACCESS_KEY.slice(-4)} · at most 600 calls a minute`);

  // An external action: tested with sample values first; Save waits for a successful test of these settings.
  await (await request.delete(`${demoGainsightUrl}/__emulator/calls`)).dispose();
  const action = await connectorsPage.newActionForm();
  await action.getByLabel('Connector', { exact: true }).selectOption({ label: `Gainsight (${GAINSIGHT_HOST})` });
  await action.getByLabel('Name', { exact: true }).fill('Renewal follow-up');
  await action.getByLabel('URL', { exact: true }).fill('/v1/hooks/renewal');
  await action.getByLabel('Payload', { exact: true }).fill('{"Email": "{{Email}}", "Score": {{NPS Score}}}');
  await expect(action.getByRole('button', { name: 'Save action' })).toBeDisabled();
  await action.getByRole('button', { name: 'Test' }).click();
  await expect(action.getByText('Give a sample value for {{Email}}').first()).toBeVisible();
  await action.getByLabel('Sample values', { exact: true }).fill('Email: ana@example.com\nNPS Score: 3');
  await action.getByRole('button', { name: 'Test' }).click();
  await expect(action.getByTestId('test-status')).toHaveText('200 (accepted)');
  await expect(action.getByTestId('test-request-id')).toHaveText(/^[0-9a-f-]{36}$/);
  await expect(action.getByTestId('test-body')).toContainText('"result":true');
  const calls = (await (await request.get(`${demoGainsightUrl}/__emulator/calls?hook=renewal`)).json()) as ReceivedCall[];
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({ method: 'POST', headers: { accesskey: DEMO_ACCESS_KEY }, body: { Email: 'ana@example.com', Score: 3 } });
  // Changing the call after the test asks for another test.
  await action.getByLabel('Payload', { exact: true }).fill('{"Email": "{{Email}}", "Score": {{NPS Score}}, "Source": "DIC"}');
  await expect(action.getByRole('button', { name: 'Save action' })).toBeDisabled();
  await action.getByRole('button', { name: 'Test' }).click();
  await expect(action.getByTestId('test-status')).toHaveText('200 (accepted)');
  await action.getByRole('button', { name: 'Save action' }).click();
  await expect(page.getByText('External action saved.')).toBeVisible();
  // The form is empty again: the last test's answer is gone and Save waits for a new test.
  await expect(action.getByTestId('test-status')).toHaveCount(0);
  await expect(action.getByRole('button', { name: 'Save action' })).toBeDisabled();
  await expect(connector).toContainText('Renewal follow-up POST /v1/hooks/renewal');

  // A second connector for the same host: the form advises reusing the one there is, and leads to it.
  const second = await connectorsPage.fillNewConnector({ name: 'Gainsight renewals', baseUrl: `${demoGainsightUrl}/v1`, headerName: 'Accesskey', token: DEMO_ACCESS_KEY });
  const advice = second.getByText(`“Gainsight” already connects to ${GAINSIGHT_HOST}. You only need one connector per system: add your actions to it.`);
  await expect(advice).toBeVisible();
  await page.screenshot({ path: 'test-results/connectors-same-host.png', fullPage: true });
  await second.getByRole('button', { name: 'Add connector' }).click();
  await expect(page.getByRole('listitem', { name: 'Connector Gainsight renewals' })).toHaveCount(0);
  await expect(advice).toBeVisible();
  await second.getByRole('button', { name: 'Add an action to “Gainsight”' }).click();
  const next = page.getByRole('form', { name: 'Add external action' });
  await expect(next).toBeInViewport();
  await expect(next.getByLabel('Connector', { exact: true }).locator('option:checked')).toHaveText(`Gainsight (${GAINSIGHT_HOST})`);

  // The access key reached the emulator, never the browser: not in the page, not in any answer.
  await page.reload();
  expect(await page.content()).not.toContain(DEMO_ACCESS_KEY);
  expect(connectorsPage.answersWith(DEMO_ACCESS_KEY)).toEqual([]);
});

test('an integration to the external action, made in the wizard: tokens suggested, a missing one refused on save, one call per matching row, sent again on every run when so chosen', async ({ page, request }) => {
  const name = 'Early NPS to Gainsight renewals';
  await (await request.delete(`${demoGainsightUrl}/__emulator/calls`)).dispose();
  await page.goto('/integrations/new');
  const wizard = new WizardPage(page);
  await wizard.toConnectorAction('Gainsight', 'NPS', 'Renewal follow-up');
  // One row per {{token}} of the payload, filled with the column of the same name.
  await expect(wizard.payloadRow(1).getByLabel('Payload key')).toHaveValue('Email');
  await expect(wizard.payloadRow(1).getByLabel('Insights report column')).toHaveValue('Email');
  await expect(wizard.payloadRow(2).getByLabel('Payload key')).toHaveValue('NPS Score');
  await expect(wizard.payloadRow(2).getByLabel('Insights report column')).toHaveValue('NPS Score');
  // Only the first 99 demo users who gave a low score and have an email.
  await wizard.addCondition('User ID', 'contains', 'u-000');
  await wizard.addCondition('NPS Score', 'is at most', '6');
  await wizard.addCondition('Email', 'is not empty');
  await page.getByLabel('Integration name').fill(name);
  await wizard.choose(page.getByLabel('Time zone'), 'Berlin', 'Europe/Berlin');
  // Rows are sent once unless the integration is told to send them on every run.
  const sending = page.getByRole('group', { name: 'Which rows each run sends' });
  await expect(sending.getByRole('radio', { name: /^Only rows that are new or changed/ })).toBeChecked();
  await sending.getByRole('radio', { name: /^Send on every run/ }).check();
  await page.screenshot({ path: 'test-results/gainsight-wizard-payload.png', fullPage: true });

  // The server checks the mapping against the action's tokens: without {{NPS Score}} it is refused, and says which.
  await wizard.payloadRow(2).hover();
  await page.getByRole('button', { name: 'Remove payload row 2' }).click();
  await wizard.saveButton().click();
  await expect(page.getByText("The action's payload uses {{NPS Score}}, but no report column is mapped to it; map one on screen 3.").first()).toBeVisible();
  await expect(page).toHaveURL(/\/integrations\/new$/);
  await wizard.mapToKey(2, 'NPS Score', 'NPS Score');
  await wizard.saveButton().click();
  await expect(page).toHaveURL(/\/integrations$/);

  const grid = new GridPage(page);
  await expect(grid.row(name)).toContainText('Gainsight · Renewal follow-up');
  await expect(grid.row(name)).toContainText('External action');
  await expect(grid.row(name)).toContainText('Daily at 08:00 Europe/Berlin');
  await grid.menu(name, 'Run Now');
  await expect(grid.row(name).getByText('Completed')).toBeVisible({ timeout: 120_000 });

  const csv = await (await page.request.get('/reports/nps/csv')).text();
  const expected = (parse(csv, { columns: true, bom: true }) as Array<Record<string, string>>)
    .filter((r) => r['User ID'].includes('u-000') && r['NPS Score'] !== '' && Number(r['NPS Score']) <= 6 && r.Email !== '');
  expect(expected.length).toBeGreaterThan(0);
  const calls = (await (await request.get(`${demoGainsightUrl}/__emulator/calls?hook=renewal`)).json()) as ReceivedCall[];
  expect(calls).toHaveLength(expected.length);
  expect(calls.every((c) => c.method === 'POST' && c.headers.accesskey === DEMO_ACCESS_KEY)).toBe(true);
  const bodies = expected.map((r) => JSON.stringify({ Email: r.Email, Score: Number(r['NPS Score']), Source: 'DIC' })).sort();
  expect(calls.map((c) => JSON.stringify(c.body)).sort()).toEqual(bodies);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'test-results/gainsight-grid.png', fullPage: true });

  // Edit shows the choice as saved.
  await grid.edit(name);
  await expect(wizard.heading('Payload mapping')).toBeVisible();
  await expect(sending.getByRole('radio', { name: /^Send on every run/ })).toBeChecked();
  await expect(sending.getByRole('radio', { name: /^Only rows that are new or changed/ })).not.toBeChecked();

  // A second run sends every matching row again, though none changed.
  await grid.goto();
  await grid.menu(name, 'Run Now');
  await expect(page.getByText(`${name} is running; its progress shows in the row`)).toBeVisible();
  const received = async () => ((await (await request.get(`${demoGainsightUrl}/__emulator/calls?hook=renewal`)).json()) as ReceivedCall[]).length;
  await expect.poll(received, { timeout: 120_000 }).toBe(2 * expected.length);
  await expect(grid.row(name).getByRole('progressbar')).toHaveCount(0, { timeout: 30_000 });
  await expect(grid.row(name).getByText('Completed')).toBeVisible();
  const twice = (await (await request.get(`${demoGainsightUrl}/__emulator/calls?hook=renewal`)).json()) as ReceivedCall[];
  expect(twice.map((c) => JSON.stringify(c.body)).sort()).toEqual([...bodies, ...bodies].sort());
});

test.describe('the Qualtrics header', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('Copy puts the real Basic header into the clipboard while the page never holds the token', async ({ connectorsPage, page }) => {
    await connectorsPage.goto();
    await connectorsPage.connectQualtrics(DEMO_QUALTRICS_USER.username, DEMO_QUALTRICS_USER.apiToken);
    await expect(page.getByTestId('masked-header')).toHaveText(`Basic ••••••••••••${BASIC.slice(-4)}`);
    await page.evaluate(() => navigator.clipboard.writeText('nothing yet'));
    const header = page.getByTestId('masked-header').locator('..');
    await header.getByRole('button', { name: 'Copy' }).click();
    await expect(page.getByText('Authentication header copied')).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(BASIC);

    const html = await page.content();
    expect(html).not.toContain(DEMO_QUALTRICS_USER.apiToken);
    expect(html).not.toContain(BASIC.slice(6));
    // The one answer that holds the header is the Copy action's own; no page or other answer does.
    const holding = connectorsPage.answersWith(BASIC.slice(6));
    expect(holding).toHaveLength(1);
    expect(holding[0]).toMatchObject({ method: 'POST', serverAction: true });
    expect(connectorsPage.answersWith(DEMO_QUALTRICS_USER.apiToken)).toEqual([]);
  });
});

test('an inbound trigger password is shown once, then is in no page and no answer', async ({ connectorsPage, page }) => {
  await connectorsPage.goto();
  const create = await connectorsPage.newTriggerForm();
  await create.getByLabel('Name', { exact: true }).fill('Gainsight NPS event');
  await create.getByLabel('What a call does', { exact: true }).selectOption('record_event');
  await create.getByLabel('User-defined fields', { exact: true }).fill('User ID, Score');
  await create.getByLabel('Event type', { exact: true }).fill('gainsight_nps');
  await create.getByLabel('End user id field', { exact: true }).fill('User ID');
  await create.getByRole('button', { name: 'Create trigger' }).click();
  const credentials = page.getByRole('dialog', { name: 'Credentials for “Gainsight NPS event”' });
  const password = (await credentials.getByTestId('trigger-password').textContent())!;
  expect(password.length).toBeGreaterThanOrEqual(32);
  await credentials.getByRole('button', { name: 'I have copied them' }).click();
  await expect(credentials).toBeHidden();
  expect(await page.content()).not.toContain(password);
  const issuing = connectorsPage.answersWith(password);
  expect(issuing).toHaveLength(1);
  expect(issuing[0]).toMatchObject({ method: 'POST', serverAction: true });

  // New credentials: the old password is in no later answer, the new one only in the answer that issued it.
  const trigger = page.getByRole('listitem', { name: 'Trigger Gainsight NPS event' });
  await trigger.getByRole('button', { name: 'New credentials' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Issue new credentials' }).click();
  const renewed = page.getByRole('dialog', { name: 'Credentials for “Gainsight NPS event”' });
  const newPassword = (await renewed.getByTestId('trigger-password').textContent())!;
  expect(newPassword).not.toBe(password);
  await renewed.getByRole('button', { name: 'I have copied them' }).click();
  // The answer that issued them (its body is read as it arrives), before the reload below.
  expect(connectorsPage.answersWith(newPassword)).toHaveLength(1);
  await page.reload();
  const html = await page.content();
  expect(html).not.toContain(password);
  expect(html).not.toContain(newPassword);
  expect(connectorsPage.answersWith(password)).toHaveLength(1);
  expect(connectorsPage.answersWith(newPassword)).toHaveLength(1);
  await page.screenshot({ path: 'test-results/connectors-trigger-renewed.png', fullPage: true });
});
