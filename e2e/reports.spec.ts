import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { ADMIN_STATE, expect, test } from './fixtures';

test.use({ storageState: ADMIN_STATE });
// Right after first-run setup the demo data loads, batch by batch; the steps below assert only on our own
// users so they hold with or without it.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const SALESFORCE = 'integrations_salesforce';
// "e2e-…" sorts before the demo users' "u-00001…", so an ascending User ID sort shows ours on page one.
const userId = `e2e-${Date.now()}`;
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

/** Reports › catalog: one report's row, found by its link. */
function reportRow(page: Page, name: string) {
  return page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
}

/** The cells of one column of the preview table on the current page. */
async function columnValues(page: Page, column: string): Promise<string[]> {
  const headers = await page.getByRole('columnheader').allInnerTexts();
  const index = headers.findIndex((h) => h.replace(/[▲▼]/g, '').trim() === column);
  return page.locator('tbody tr').evaluateAll((rows, i) => rows.map((r) => (r.children[i] as HTMLElement)?.innerText ?? ''), index);
}

test('the catalog lists the built-in reports with their tags; TeachMe appears once turned on', async ({ page }) => {
  await page.goto('/reports', { timeout: 90_000 });
  await expect(page.getByRole('heading', { name: 'Reports', exact: true })).toBeVisible();
  for (const name of ['Logins Review', 'NPS', 'Onboarding Completion Rate']) {
    await expect(reportRow(page, name).getByRole('button', { name: `Remove tag ${SALESFORCE} from ${name}` })).toBeVisible();
    await expect(reportRow(page, name)).toContainText('Built-in');
  }
  await expect(reportRow(page, 'TeachMe')).toHaveCount(0);

  await page.goto('/settings/workspace');
  await page.getByLabel('TeachMe is enabled for this workspace (adds the TeachMe report)').check();
  await page.getByRole('form', { name: 'Workspace options' }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: 'Workspace options saved.' })).toBeVisible();

  await page.goto('/reports');
  await expect(reportRow(page, 'TeachMe').getByRole('button', { name: `Remove tag ${SALESFORCE} from TeachMe` })).toBeVisible();
  await expect(reportRow(page, 'TeachMe')).toContainText('User ID');
});

test('removing the integrations_salesforce tag leaves the report untagged; a bad tag is refused in words; adding it back restores it', async ({ page }) => {
  await page.goto('/reports');
  const row = reportRow(page, 'Onboarding Completion Rate');
  const removeButton = row.getByRole('button', { name: `Remove tag ${SALESFORCE} from Onboarding Completion Rate` });
  await removeButton.click();
  await expect(removeButton).toHaveCount(0);
  await expect(row).toContainText('No tags');

  // A refused tag says what to change and stays in its field to be corrected.
  const field = row.getByLabel('New tag for Onboarding Completion Rate');
  await field.fill('Bad Tag!');
  await row.getByRole('button', { name: 'Add' }).click();
  await expect(row.getByRole('alert')).toHaveText('Use only lowercase letters, digits, _ and - in a tag, at most 50 characters.');
  await expect(field).toHaveValue('Bad Tag!');

  await field.fill(SALESFORCE);
  await row.getByRole('button', { name: 'Add' }).click();
  await expect(removeButton).toBeVisible();
  await expect(row).not.toContainText('No tags');
});

test('a CSV import counts accepted, duplicate and rejected lines and names the line and column of each rejection', async ({ page }) => {
  const csv = [
    'userId,email,type,timestamp,id,plan',
    `${userId},${userId}@acme.test,login,${hoursAgo(1)},${userId}-1,`,
    `${userId},${userId}@acme.test,login,${hoursAgo(24 * 10)},${userId}-2,`,
    `${userId},${userId}@acme.test,login,not-a-date,${userId}-3,`,
    `${userId},${userId}@acme.test,subscription,${hoursAgo(2)},${userId}-4,pro`,
    `${userId},${userId}@acme.test,login,${hoursAgo(48)},${userId}-5,`,
    // The same event id again: stored once, counted as a duplicate.
    `${userId},${userId}@acme.test,login,${hoursAgo(1)},${userId}-1,`,
  ].join('\n');

  await page.goto('/reports');
  await page.getByRole('link', { name: 'Import events' }).click();
  await expect(page.getByRole('heading', { name: 'Expected columns' })).toBeVisible();
  await page.getByLabel('CSV file').setInputFiles({ name: 'events.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();

  const result = page.getByRole('region', { name: 'Import result' });
  await expect(result.getByTestId('import-accepted')).toHaveText('4', { timeout: 60_000 });
  await expect(result.getByTestId('import-duplicates')).toHaveText('1');
  await expect(result.getByTestId('import-rejected')).toHaveText('1');
  const rejected = result.getByRole('list', { name: 'Rejected lines (not imported)' }).getByRole('listitem');
  await expect(rejected).toHaveText(['Line 4: timestamp must be a date and time with a time zone, like 2026-01-31T09:30:00Z (found “not-a-date”).']);
});

test('Logins Review counts the imported logins of the last 30 days, sorts by a column and downloads the same rows as CSV', async ({ page }) => {
  await page.goto('/reports');
  await page.getByRole('link', { name: 'Logins Review', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Logins Review' })).toBeVisible();
  const ours = page.getByRole('row').filter({ hasText: userId });
  await expect(ours).toHaveCount(1);
  const headers = (await page.getByRole('columnheader').allInnerTexts()).map((h) => h.replace(/[▲▼]/g, '').trim());
  const logins = ours.getByRole('cell').nth(headers.indexOf('# Logins Last 30 Days'));
  await expect(logins).toHaveText('3');

  // Sorting by User ID descending puts the rows in reverse order, whichever users are loaded.
  await page.getByRole('columnheader', { name: /User ID/ }).getByRole('link').click();
  await expect(page.getByRole('columnheader', { name: /User ID/ })).toHaveAttribute('aria-sort', 'descending');
  const ids = await columnValues(page, 'User ID');
  expect(ids.length).toBeGreaterThan(0);
  expect(ids).toEqual([...ids].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
  const text = (await readFile(await download.path())).toString('utf8').replace(/^\uFEFF/, '');
  expect(text.split(/\r?\n/)[0]).toBe('User ID,Email,First Login,Last Login,# Logins Last 30 Days');
  expect(text).toContain(`${userId},${userId}@acme.test,`);
});

test('a page number past the last opens the last page, whose pager says so', async ({ page }) => {
  await page.goto('/reports/logins-review?sort=User+ID&dir=desc&page=9999');
  await expect(page).not.toHaveURL(/page=9999/);
  const pager = page.getByRole('navigation', { name: 'Pages' });
  await expect(pager).toHaveText(/Page ([\d,]+) of \1/);
  const last = new URL(page.url()).searchParams;
  expect([last.get('sort'), last.get('dir')]).toEqual(['User ID', 'desc']);
  await expect(pager.getByRole('link', { name: 'Next' })).toHaveCount(0);
  await expect(page.locator('tbody tr').first()).not.toContainText('No rows yet');
});

test('the logins chart runs to today (UTC) and writes its numbers with thousands separators', async ({ page }) => {
  const today = new Date().toISOString().slice(0, 10);
  const days = page.getByTestId('chart-data').getByRole('row');
  // The demo data loads in batches after setup; wait until a day has more than 999 logins.
  await expect.poll(async () => {
    await page.goto('/reports/logins-review');
    const values = await days.getByRole('cell').allTextContents();
    return Math.max(...values.map((v) => Number(v.replace(/,/g, ''))));
  }, { timeout: 100_000, intervals: [2_000, 5_000] }).toBeGreaterThan(999);
  await expect(days).toHaveCount(30);
  await expect(days.last().getByRole('rowheader')).toHaveText(today);
  await expect(page.getByRole('figure')).toContainText(`the last one, ${today}, is today so far`);
  // The last day's tick is drawn, and the Y axis reads 1,200 rather than 1200.
  const ticks = await page.locator('.recharts-cartesian-axis-tick-value').allTextContents();
  expect(ticks).toContain(today);
  expect(ticks.some((t) => /^\d{1,3}(,\d{3})+$/.test(t))).toBe(true);
  expect(ticks.filter((t) => /^\d{4,}$/.test(t))).toEqual([]);
  // The line itself reaches the last day's tick at once (no drawing animation to catch half-way).
  const line = await page.locator('.recharts-line-curve').boundingBox();
  const lastTick = await page.locator('.recharts-xAxis .recharts-cartesian-axis-tick-line').last().boundingBox();
  expect(Math.abs(line!.x + line!.width - lastTick!.x)).toBeLessThan(3);
});

test('a custom report refused for missing fields keeps what was typed, then saves, previews its rows and can be deleted', async ({ page }) => {
  const name = `Plans and logins ${Date.now()}`;
  await page.goto('/reports');
  await page.getByRole('link', { name: 'New custom report' }).click();
  await expect(page.getByRole('heading', { name: 'New custom report' })).toBeVisible();

  const second = page.getByRole('group', { name: 'Column 2' });
  await second.getByLabel('Column label').fill('Logins 7d');
  await second.getByLabel('Shows').selectOption({ label: 'Count of events' });
  await second.getByLabel('Event type').fill('login');
  await second.getByLabel('Only the last N days').fill('7');
  await page.getByRole('button', { name: 'Add column' }).click();
  const third = page.getByRole('group', { name: 'Column 3' });
  await third.getByLabel('Shows').selectOption({ label: 'Latest value of a property' });
  await third.getByLabel('Column label').fill('Plan');
  await third.getByLabel('Event type').fill('subscription');

  // No name and no property: each is explained at its field and what was typed stays.
  await page.getByRole('button', { name: 'Create report' }).click();
  await expect(page.getByText('Enter a name.')).toBeVisible();
  await expect(third.getByText('Enter a property name.')).toBeVisible();
  await expect(third.getByLabel('Property')).toHaveAttribute('aria-invalid', 'true');
  await expect(second.getByLabel('Only the last N days')).toHaveValue('7');

  await page.getByLabel('Name', { exact: true }).fill(name);
  await third.getByLabel('Property').fill('plan');
  await expect(page.getByLabel('Key column')).toHaveValue('User ID');
  await expect(page.getByLabel(/Offer in the Salesforce integration wizard/)).toBeChecked();
  await page.getByRole('button', { name: 'Create report' }).click();

  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
  await expect(page.getByText(`tags ${SALESFORCE}`)).toBeVisible();
  const ours = page.getByRole('row').filter({ hasText: userId });
  await expect(ours.getByRole('cell')).toHaveText([userId, '2', 'pro']);

  // The catalog lists it as a custom report; editing it leads to delete.
  await page.goto('/reports');
  await expect(reportRow(page, name)).toContainText('Custom');
  await page.getByRole('link', { name: `Edit ${name}` }).click();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(name);
  await expect(page.getByRole('group', { name: 'Column 3' }).getByLabel('Property')).toHaveValue('plan');
  await page.getByRole('button', { name: 'Delete report' }).click();
  await page.getByRole('alertdialog', { name: `Delete the report “${name}”?` }).getByRole('button', { name: 'Delete report' }).click();
  await expect(page).toHaveURL(/\/reports\?deleted=1$/);
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: 'Report deleted.' })).toBeVisible();
  await expect(reportRow(page, name)).toHaveCount(0);
});
