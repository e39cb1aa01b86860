/**
 * Creating a custom field: the Tooling API's CustomField, then field-level security for the admin profiles,
 * since Salesforce hides a new field from describe, SOQL and writes until a FieldPermissions row grants it.
 */
import type { NewCustomField } from './client';
import { SalesforceApiError } from './errors';
import type { OrgApi } from './org-api';
import { encodeSoql } from './soql-uri';

const NAME = /^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$/;

function metadata(field: NewCustomField): Record<string, unknown> {
  const base = { label: field.label, type: field.type };
  switch (field.type) {
    case 'Text': return { ...base, length: field.length ?? 255 };
    case 'Number': case 'Percent': return { ...base, precision: field.precision ?? 18, scale: field.scale ?? 0 };
    case 'Checkbox': return { ...base, defaultValue: 'false' };
    default: return base;
  }
}

/** Creates `Object.Name__c` and grants read and edit on it to the profiles with Modify All Data. */
export async function createCustomField(api: OrgApi, field: NewCustomField): Promise<{ fullName: string }> {
  if (!NAME.test(field.name) || field.name.length > 40) {
    throw new SalesforceApiError({ sfErrorCode: 'FIELD_INTEGRITY_EXCEPTION', httpStatus: 400, sfMessage: `"${field.name}" is not a valid field name` },
      `"${field.name}" cannot be a Salesforce field name: use letters, digits and single underscores, start with a letter, at most 40 characters.`);
  }
  const fullName = `${field.objectName}.${field.name}__c`;
  await api.json<{ id: string; success: boolean }>('POST', '/tooling/sobjects/CustomField', { FullName: fullName, Metadata: metadata(field) });
  const sets = await api.json<{ records: Array<{ Id: string }> }>('GET',
    `/query?q=${encodeSoql('SELECT Id FROM PermissionSet WHERE IsOwnedByProfile = true AND PermissionsModifyAllData = true')}`);
  for (const set of sets.records) {
    await api.json('POST', '/sobjects/FieldPermissions', {
      ParentId: set.Id, SobjectType: field.objectName, Field: fullName, PermissionsRead: true, PermissionsEdit: true,
    });
  }
  return { fullName };
}
