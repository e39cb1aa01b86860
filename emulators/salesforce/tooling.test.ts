import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSalesforceEmulator, startSalesforceEmulator } from './index';
import { connectAdmin, connectStandard } from './testing';

let em: RunningSalesforceEmulator;
let admin: Connection;
let standard: Connection;

beforeAll(async () => {
  em = await startSalesforceEmulator({ port: 0 });
  admin = await connectAdmin(em);
  standard = await connectStandard(em);
});
afterAll(async () => {
  await em.close();
});

const fieldBody = { FullName: 'Lead.WalkMe_Segment__c', Metadata: { label: 'WalkMe Segment', type: 'Text', length: 40 } };

describe('Tooling API CustomField and field-level security', () => {
  it('refuses CustomField creation without Modify All Data', async () => {
    await expect(standard.tooling.sobject('CustomField').create(fieldBody)).rejects.toMatchObject({ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' });
  });

  it('creates a field that stays invisible until FieldPermissions grants it', async () => {
    const created = await admin.tooling.sobject('CustomField').create(fieldBody) as { id: string; success: boolean };
    expect(created.success).toBe(true);
    expect(created.id).toMatch(/^00N/);

    // Tooling sees the field's metadata at once, before any grant.
    const tooling = await admin.tooling.query<{ Id: string; DeveloperName: string }>("SELECT Id, DeveloperName FROM CustomField WHERE TableEnumOrId = 'Lead' AND DeveloperName = 'WalkMe_Segment'");
    expect(tooling.records).toEqual([expect.objectContaining({ Id: created.id, DeveloperName: 'WalkMe_Segment' })]);
    const seeded = await admin.tooling.query("SELECT Id FROM CustomField WHERE TableEnumOrId = 'Lead'");
    expect(seeded.totalSize).toBeGreaterThan(6);

    const before = await admin.describe('Lead');
    expect(before.fields.map((f) => f.name)).not.toContain('WalkMe_Segment__c');
    await expect(admin.query('SELECT WalkMe_Segment__c FROM Lead LIMIT 1')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
    await expect(admin.sobject('Lead').create({ LastName: 'L', Company: 'C', WalkMe_Segment__c: 'x' })).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });

    const ps = await admin.query<{ Id: string }>("SELECT Id FROM PermissionSet WHERE Label = 'System Administrator'");
    const grant = await admin.sobject('FieldPermissions').create({
      ParentId: ps.records[0].Id, SobjectType: 'Lead', Field: 'Lead.WalkMe_Segment__c', PermissionsRead: true, PermissionsEdit: true,
    });
    expect(grant.success).toBe(true);

    // describe$ caches per connection; a fresh describe sees the field.
    const after = await admin.describe('Lead');
    expect(after.fields.find((f) => f.name === 'WalkMe_Segment__c')).toMatchObject({ type: 'string', length: 40, custom: true });
    const lead = await admin.sobject('Lead').create({ LastName: 'L', Company: 'C', WalkMe_Segment__c: 'Power users' });
    const res = await admin.query<{ WalkMe_Segment__c: string }>(`SELECT WalkMe_Segment__c FROM Lead WHERE Id = '${lead.id}'`);
    expect(res.records[0].WalkMe_Segment__c).toBe('Power users');
  });

  it('refuses a duplicate field name and a malformed definition', async () => {
    await expect(admin.tooling.sobject('CustomField').create(fieldBody)).rejects.toMatchObject({ errorCode: 'DUPLICATE_DEVELOPER_NAME' });
    await expect(admin.tooling.sobject('CustomField').create({ FullName: 'Lead.Score__c', Metadata: { label: 'Score', type: 'Number' } }))
      .rejects.toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION' });
  });
});
