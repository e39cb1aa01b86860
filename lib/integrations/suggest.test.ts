import { describe, expect, it } from 'vitest';
import type { ColumnType, ReportColumn } from '@/lib/insights/columns';
import type { SalesforceField } from '@/lib/salesforce/client';
import { mappableFields, proposeCustomField, suggestIntegrationName, suggestMappings, suggestPayloadRows, type FieldFits } from './suggest';

function field(name: string, label: string, type: string, updateable = true): SalesforceField {
  return { name, label, type, updateable, length: 255, precision: 18, scale: 0, nillable: true, createable: updateable, custom: name.endsWith('__c'),
    externalId: false, idLookup: false, filterable: true, caseSensitive: false, picklistValues: [], restrictedPicklist: false };
}

// Dates go only into date fields, numbers into number or text fields, text into text: enough to show the rule is applied.
const fits: FieldFits = (columnType: ColumnType, f) =>
  f.type === 'string' || (f.type === 'datetime' ? columnType === 'datetime' || columnType === 'date' : f.type === 'double' ? ['number', 'integer'].includes(columnType) : f.type === 'email' && columnType === 'email');

const loginsReview: ReportColumn[] = [
  { name: 'User ID', type: 'string' }, { name: 'Email', type: 'email' }, { name: 'First Login', type: 'datetime' },
  { name: 'Last Login', type: 'datetime' }, { name: '# Logins Last 30 Days', type: 'integer' },
];
const lead = [
  field('Id', 'Lead ID', 'id', false), field('Email', 'Email', 'email'), field('LastName', 'Last Name', 'string'),
  field('WalkMe_First_Login__c', 'WalkMe First Login', 'datetime'), field('WalkMe_Last_Login__c', 'WalkMe Last Login', 'datetime'),
  field('WalkMe_Logins_Last_30_Days__c', 'WalkMe Logins (Last 30 Days)', 'double'), field('CreatedDate', 'Created Date', 'datetime', false),
];

describe('wizard suggestions', () => {
  it('maps the Logins Review columns onto the WalkMe Lead fields by name, skipping the key pair', () => {
    const keys = [{ column: 'Email', field: 'Email' }];
    expect(suggestMappings({ columns: loginsReview, fields: lead, keys, fits })).toEqual([
      { column: 'First Login', field: 'WalkMe_First_Login__c' },
      { column: 'Last Login', field: 'WalkMe_Last_Login__c' },
      { column: '# Logins Last 30 Days', field: 'WalkMe_Logins_Last_30_Days__c' },
    ]);
  });

  it('never suggests a field whose type cannot take the column, nor one already used', () => {
    const columns: ReportColumn[] = [{ name: 'Last Name', type: 'datetime' }, { name: 'First Login', type: 'datetime' }];
    const got = suggestMappings({ columns, fields: lead, keys: [], mappings: [{ column: 'Other', field: 'WalkMe_First_Login__c' }], fits });
    // "Last Name" is a text field: a date-time fits there, so it is offered; First Login's field is taken.
    expect(got).toEqual([{ column: 'Last Name', field: 'LastName' }]);
    const numbersOnly = suggestMappings({ columns: [{ name: 'First Login', type: 'boolean' }], fields: lead, keys: [], fits });
    expect(numbersOnly).toEqual([]);
  });

  it('offers a row only updateable fields that are neither keys nor mapped by another row', () => {
    const names = mappableFields(lead, [{ column: 'Email', field: 'Email' }], [{ column: 'First Login', field: 'WalkMe_First_Login__c' }, { column: 'Last Login', field: 'WalkMe_Last_Login__c' }], 'WalkMe_Last_Login__c')
      .map((f) => f.name);
    expect(names).toEqual(['LastName', 'WalkMe_Last_Login__c', 'WalkMe_Logins_Last_30_Days__c']);
  });

  it('names the integration after the report and the object', () => {
    expect(suggestIntegrationName('Logins Review', 'Lead')).toBe('Logins Review to Lead');
  });

  it('proposes a custom field from the prefix and the column, typed from the column, with a free name', () => {
    expect(proposeCustomField('Lead', { name: '# Logins Last 30 Days', type: 'integer' }, 'DIC_', ['Email']))
      .toEqual({ objectName: 'Lead', name: 'DIC_Logins_Last_30_Days', label: '# Logins Last 30 Days', type: 'Number', precision: 18, scale: 0 });
    expect(proposeCustomField('Lead', { name: '# Logins Last 30 Days', type: 'integer' }, 'WalkMe_', ['WalkMe_Logins_Last_30_Days__c']).name)
      .toBe('WalkMe_Logins_Last_30_Days_2');
    expect(proposeCustomField('Lead', { name: 'Last Login', type: 'datetime' }, '', [])).toMatchObject({ name: 'Last_Login', type: 'DateTime' });
    const long = proposeCustomField('Lead', { name: 'Average Course Progress (%) across every course started this year', type: 'percent' }, 'DIC_', []);
    expect(long.name.length).toBeLessThanOrEqual(40);
    expect(long.name).toMatch(/^[A-Za-z][A-Za-z0-9_]*[A-Za-z0-9]$/);
    expect(long).toMatchObject({ type: 'Percent' });
  });

  it('opens a connector action\'s screen 3 with a row per {{token}}, filled with the same-named column when the report has one', () => {
    const columns = [{ name: 'User ID' }, { name: 'Email' }, { name: 'NPS Score' }];
    expect(suggestPayloadRows(columns, ['email', 'NPS Score', 'Renewal Date', 'email'])).toEqual([
      { field: 'email', column: 'Email' },
      { field: 'NPS Score', column: 'NPS Score' },
      { field: 'Renewal Date', column: '' },
    ]);
    expect(suggestPayloadRows(columns, [])).toEqual([]);
  });
});
