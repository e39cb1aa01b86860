import type { SalesforceField } from '@/lib/salesforce/client';

/** A describe field for unit tests: an updateable, nillable text field unless overridden. */
export function testField(overrides: Partial<SalesforceField> & { name: string }): SalesforceField {
  return {
    label: overrides.name, type: 'string', length: 255, precision: 0, scale: 0, nillable: true, updateable: true, createable: true,
    custom: overrides.name.endsWith('__c'), externalId: false, idLookup: false, filterable: true, caseSensitive: false,
    picklistValues: [], restrictedPicklist: false, ...overrides,
  };
}
