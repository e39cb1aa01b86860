import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import type { RunningSalesforceEmulator } from '@/emulators/salesforce';
import type { Ctx } from '@/lib/auth/session';
import { createTestWorkspace } from '@/lib/auth/testing';
import { integrationSchema } from '@/lib/integrations/schema';
import type { SalesforceSettings } from '@/lib/salesforce/settings';
import { connectTestAccount, startTestSalesforce } from '@/lib/salesforce/testing';
import { getIntegrationDetail } from './integrations';
import { listWizardReports, loadWizardChoices, saveWizardIntegration } from './integration-wizard';

describe('saving the wizard', () => {
  let emulator: RunningSalesforceEmulator;
  let settings: SalesforceSettings;
  let handle: DatabaseHandle;
  let member: Ctx;
  let accountId: string;
  const input = (over: Record<string, unknown> = {}) => integrationSchema.parse({
    accountId, reportId: 'logins-review', objectName: 'Lead', name: 'Logins Review to Lead',
    keys: [{ column: 'Email', field: 'Email' }],
    mappings: [{ column: 'First Login', field: 'WalkMe_First_Login__c' }, { column: 'Last Login', field: 'WalkMe_Last_Login__c' }], ...over,
  });
  beforeAll(async () => {
    ({ emulator, settings } = await startTestSalesforce());
    handle = await createTestDatabase('pglite');
    const admin = await createTestWorkspace(handle.db, 'Wizard');
    member = { ...admin, user: { ...admin.user, role: 'member' } };
    accountId = await connectTestAccount(handle.db, admin.user, settings);
  });
  afterAll(async () => {
    await handle.close();
    await emulator.close();
  });

  it('offers connected accounts with their details and only reports made for Salesforce integrations', async () => {
    const { accounts, reports } = await loadWizardChoices(member);
    expect(accounts).toEqual([expect.objectContaining({ id: accountId, environment: 'sandbox', username: 'admin@sandbox.demo' })]);
    expect(reports.map((r) => r.name)).toContain('Logins Review');
    expect((await listWizardReports(member)).every((r) => r.tags.includes('integrations_salesforce'))).toBe(true);
  });

  it('creates, then updates with the version it was opened at', async () => {
    const created = await saveWizardIntegration(member, {}, input(), settings);
    expect(created).toMatchObject({ name: 'Logins Review to Lead', objectName: 'Lead', version: 1 });
    const updated = await saveWizardIntegration(member, { id: created.id, expectedVersion: 1 }, input({ scheduleCron: '0 6 * * *' }), settings);
    expect(updated.version).toBe(2);
    expect((await getIntegrationDetail(member, created.id)).scheduleCron).toBe('0 6 * * *');
    await expect(saveWizardIntegration(member, { id: created.id, expectedVersion: 1 }, input(), settings)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it("answers describe problems beside their rows and saves nothing", async () => {
    const bad = input({
      name: 'Bad one',
      mappings: [{ column: 'First Login', field: 'WalkMe_First_Login__c' }, { column: 'First Login', field: 'CreatedDate' }, { column: 'Email', field: 'WalkMe_Logins_Last_30_Days__c' }],
    });
    const error = await saveWizardIntegration(member, {}, bad, settings).catch((e: unknown) => e) as { code: string; fieldErrors: Record<string, string[]> };
    expect(error.code).toBe('VALIDATION');
    expect(Object.keys(error.fieldErrors).sort()).toEqual(['mappings.1.field', 'mappings.2.field']);
    expect(error.fieldErrors['mappings.1.field'][0]).toMatch(/Lead\.CreatedDate cannot be updated/);
    expect(error.fieldErrors['mappings.2.field'][0]).toMatch(/cannot hold "Email"/);
  });
});
