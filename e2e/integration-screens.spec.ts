import { demoSalesforceUrl } from '../playwright.config';
import { createIntegration, expect, GridPage, test } from './integration-pages';

// Each screen of the wizard, the grid with a running and a failed integration, the Log and the run log,
// as PNGs under test-results/screens (looked at by hand; the assertions say what each must show).
const shot = (name: string) => ({ path: `test-results/screens/${name}.png`, fullPage: true });

test('screens: the wizard, a running and a failed integration in the grid, the Log and the run log', async ({ page, wizard, grid, request }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  // One integration with the suggested rows, run later with slow Salesforce writes.
  const runningName = `Slow writes ${Date.now()}`;
  await createIntegration(wizard, runningName);
  await page.goto('/integrations/new');
  await expect(page.getByRole('radio', { name: /admin@sandbox\.demo/ })).toBeVisible();
  await page.screenshot(shot('wizard-1-account'));

  await wizard.throughScreenTwo();
  await wizard.key(1).getByLabel('Salesforce object unique identifier').click();
  await expect(page.getByRole('option').first()).toBeVisible();
  await page.screenshot(shot('wizard-2-report-object-keys'));
  await page.keyboard.press('Escape');

  await wizard.continue();
  await expect(wizard.heading('Field mapping')).toBeVisible();
  const broken = `Broken field ${Date.now()}`;
  await page.getByLabel('Integration name').fill(broken);
  await page.getByRole('button', { name: 'ADD COLUMN' }).click();
  const extra = wizard.rows().last();
  await wizard.choose(extra.getByLabel('Insights report column'), '# Logins', '# Logins Last 30 Days');
  await extra.getByRole('button', { name: '+ New field' }).click();
  const toast = page.getByText(/\(\w+__c\) is ready in Salesforce/);
  await expect(toast).toBeVisible();
  const createdField = /\((\w+__c)\)/.exec((await toast.textContent())!)![1];
  await extra.hover();
  await page.screenshot(shot('wizard-3-mapping'));
  await page.getByRole('button', { name: 'Preview changes' }).click();
  await expect(page.getByRole('dialog', { name: 'Preview changes' }).getByText('Records changing')).toBeVisible({ timeout: 30_000 });
  await page.screenshot(shot('wizard-preview'));
  await page.keyboard.press('Escape');
  await wizard.saveButton().click();
  await expect(page).toHaveURL(/\/integrations$/);

  // Failed: the field it writes is deleted in Salesforce; the run fails before writing, naming the field.
  await request.delete(`${demoSalesforceUrl}/__emulator/orgs/sandbox/sobjects/Lead/fields/${createdField}`);
  await grid.menu(broken, 'Run Now');
  await expect(grid.row(broken).getByText('Failed')).toBeVisible({ timeout: 60_000 });
  await expect(grid.row(broken)).toContainText(createdField);
  // The reason is not cut with an ellipsis: it wraps, can be shown whole, and links to the run's log.
  await grid.row(broken).getByRole('button', { name: 'Show all' }).click();
  await expect(grid.row(broken).getByRole('button', { name: 'Show less' })).toHaveAttribute('aria-expanded', 'true');
  await expect(grid.row(broken)).toContainText('or map "# Logins Last 30 Days" to another field.');
  await grid.row(broken).getByRole('button', { name: 'Show less' }).click();
  await expect(grid.row(broken).getByRole('link', { name: `Open the run log of ${broken}` })).toHaveAttribute('href', /\/integrations\/[^/]+\/runs\/[^/]+$/);

  // Running: Salesforce answers writes slowly, so the run is still going when the grid is captured.
  const slow = await request.post(`${demoSalesforceUrl}/__emulator/faults`, { data: { kind: 'latency', pattern: '^(PATCH|POST|PUT) ', latencyMs: 3000 } });
  expect(slow.ok()).toBe(true);
  try {
    await grid.menu(runningName, 'Run Now');
    await expect(grid.row(runningName).getByRole('progressbar')).toBeVisible();
    await grid.menu(runningName, 'Run Now');
    await expect(page.getByText(`${runningName} is already running; wait for this run to finish.`, { exact: false })).toBeVisible();
    await page.mouse.move(0, 0);
    await page.screenshot(shot('grid-running-and-failed'));
  } finally {
    await request.delete(`${demoSalesforceUrl}/__emulator/faults`);
  }
  await expect(grid.row(runningName).getByText('Completed')).toBeVisible({ timeout: 90_000 });

  await grid.menu(broken, 'Log');
  const log = page.getByRole('dialog', { name: `Log: ${broken}` });
  await expect(log.getByText('Failed')).toBeVisible();
  await log.getByRole('row').filter({ hasText: 'Failed' }).hover();
  await page.screenshot(shot('log-overlay'));
  await log.getByRole('link', { name: /^Show log/ }).click();
  await expect(page.getByRole('heading', { name: `Run log: ${broken}` })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: createdField })).toBeVisible();
  await page.screenshot(shot('run-log-failed'));

  await new GridPage(page).goto();
  await grid.menu(runningName, 'Log');
  await page.getByRole('dialog', { name: `Log: ${runningName}` }).getByRole('row').filter({ hasText: 'Completed' }).first().hover();
  await page.getByRole('dialog', { name: `Log: ${runningName}` }).getByRole('link', { name: /^Show log/ }).first().click();
  await expect(page.getByRole('heading', { name: 'Steps' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Rejected rows/ })).toBeVisible();
  await page.screenshot(shot('run-log-completed'));
});
