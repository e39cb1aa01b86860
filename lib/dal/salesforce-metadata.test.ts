import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import type { RunningSalesforceEmulator } from '@/emulators/salesforce';
import type { Ctx } from '@/lib/auth/session';
import { createTestWorkspace } from '@/lib/auth/testing';
import { getConnection } from '@/lib/salesforce/connection';
import { connectTestAccount, startTestSalesforce } from '@/lib/salesforce/testing';
import type { SalesforceSettings } from '@/lib/salesforce/settings';
import { workspaceSettingsFormSchema } from '@/lib/workspace-settings';
import { createFieldForColumn, describeTargetObject, listTargetObjects } from './salesforce-metadata';
import { saveWorkspaceSettings } from './workspace-settings';

describe('Salesforce metadata for the wizard', () => {
  let emulator: RunningSalesforceEmulator;
  let settings: SalesforceSettings;
  let handle: DatabaseHandle;
  let admin: Ctx;
  let member: Ctx;
  let accountId: string;
  beforeAll(async () => {
    ({ emulator, settings } = await startTestSalesforce());
    handle = await createTestDatabase('pglite');
    admin = await createTestWorkspace(handle.db, 'Meta');
    member = { ...admin, user: { ...admin.user, role: 'member' } };
    accountId = await connectTestAccount(handle.db, admin.user, settings);
    await saveWorkspaceSettings(admin, workspaceSettingsFormSchema.parse({ fieldPrefix: 'DIC_' }));
  });
  afterAll(async () => {
    await handle.close();
    await emulator.close();
  });

  it('lists only objects that can be updated, by label', async () => {
    const objects = await listTargetObjects(member, { accountId }, settings);
    expect(objects.map((o) => o.name)).toEqual(expect.arrayContaining(['Account', 'Contact', 'Lead']));
    expect(objects.every((o) => o.updateable)).toBe(true);
    expect(objects.map((o) => o.label)).toEqual([...objects.map((o) => o.label)].sort((a, b) => a.localeCompare(b)));
    expect(objects.find((o) => o.name === 'Organization')).toBeUndefined();
  });

  it('answers describe from the cache until Refresh, then shows a field added in Salesforce meanwhile', async () => {
    const first = await describeTargetObject(member, { accountId, objectName: 'Lead' }, settings);
    const conn = await getConnection(handle.db, settings, admin.user.workspaceId, accountId);
    await conn.tooling.sobject('CustomField').create({ FullName: 'Lead.Added_Elsewhere__c', Metadata: { label: 'Added Elsewhere', type: 'Text', length: 20 } });
    const sets = await conn.query<{ Id: string }>('SELECT Id FROM PermissionSet WHERE IsOwnedByProfile = true AND PermissionsModifyAllData = true');
    for (const set of sets.records) {
      await conn.sobject('FieldPermissions').create({ ParentId: set.Id, SobjectType: 'Lead', Field: 'Lead.Added_Elsewhere__c', PermissionsRead: true, PermissionsEdit: true });
    }
    const cached = await describeTargetObject(member, { accountId, objectName: 'Lead' }, settings);
    expect(cached.fields.length).toBe(first.fields.length);
    const refreshed = await describeTargetObject(member, { accountId, objectName: 'Lead', refresh: true }, settings);
    expect(refreshed.fields.map((f) => f.name)).toContain('Added_Elsewhere__c');
  });

  it('"+ New field" creates the column\'s field with the prefix and type, visible to the connected user at once', async () => {
    const created = await createFieldForColumn(member, { accountId, objectName: 'Lead', column: { name: '# Logins Last 30 Days', type: 'integer' } }, settings);
    expect(created).toMatchObject({ name: 'DIC_Logins_Last_30_Days__c', label: '# Logins Last 30 Days', type: 'double', scale: 0, updateable: true, custom: true });
    const lead = await describeTargetObject(member, { accountId, objectName: 'Lead' }, settings);
    expect(lead.fields.map((f) => f.name)).toContain('DIC_Logins_Last_30_Days__c');
    // A second column of the same name gets a free name rather than a refusal.
    const again = await createFieldForColumn(member, { accountId, objectName: 'Lead', column: { name: '# Logins Last 30 Days', type: 'integer' } }, settings);
    expect(again.name).toBe('DIC_Logins_Last_30_Days_2__c');
  });

  it('explains a refusal: a field of that name exists but is hidden from the connected user', async () => {
    const conn = await getConnection(handle.db, settings, admin.user.workspaceId, accountId);
    await conn.tooling.sobject('CustomField').create({ FullName: 'Lead.DIC_Last_Login__c', Metadata: { label: 'Hidden', type: 'DateTime' } });
    await expect(createFieldForColumn(member, { accountId, objectName: 'Lead', column: { name: 'Last Login', type: 'datetime' } }, settings))
      .rejects.toThrow(/Salesforce did not create the field Lead\.DIC_Last_Login__c: .*DUPLICATE_DEVELOPER_NAME/);
  });

  it("refuses another workspace's account", async () => {
    const other = await createTestWorkspace(handle.db, 'Other');
    await expect(listTargetObjects(other, { accountId }, settings)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
