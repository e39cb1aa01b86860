import { describe, expect, it } from 'vitest';
import type { ReportColumn } from '@/lib/insights/columns';
import type { SObjectDescribe } from '@/lib/salesforce/client';
import { testField } from '@/lib/sync/testing';
import { checkMapping, columnFitsField } from './check-mapping';

const columns: ReportColumn[] = [
  { name: 'User ID', type: 'string' }, { name: 'Email', type: 'email' }, { name: 'NPS Score', type: 'integer' },
  { name: 'Last NPS Response', type: 'datetime' }, { name: 'Promoter', type: 'boolean' },
];
const describeLead: SObjectDescribe = {
  name: 'Lead', label: 'Lead', updateable: true, queryable: true,
  fields: [
    testField({ name: 'Id', type: 'id', updateable: false }),
    testField({ name: 'Email', type: 'email', idLookup: true }),
    testField({ name: 'Name', updateable: false }),
    testField({ name: 'WalkMe_NPS_Score__c', type: 'double', precision: 3, scale: 0 }),
    testField({ name: 'Description', type: 'textarea', filterable: false, length: 32000 }),
    testField({ name: 'WalkMe_Last_Login__c', type: 'datetime' }),
  ],
};

describe('checkMapping', () => {
  it('passes a mapping that fits the describe', () => {
    expect(checkMapping({ objectName: 'Lead', keys: [{ column: 'Email', field: 'Email' }], mappings: [{ column: 'NPS Score', field: 'WalkMe_NPS_Score__c' }] }, columns, describeLead)).toEqual([]);
  });

  it('names every field that is missing, read-only, of the wrong type, unfilterable or used twice', () => {
    const problems = checkMapping({
      objectName: 'Lead',
      keys: [{ column: 'User ID', field: 'Description' }],
      mappings: [
        { column: 'NPS Score', field: 'WalkMe_Gone__c' },
        { column: 'Email', field: 'Name' },
        { column: 'Promoter', field: 'WalkMe_NPS_Score__c' },
        { column: 'Last NPS Response', field: 'walkme_last_login__c' },
        { column: 'NPS Score', field: 'WalkMe_Last_Login__c' },
        { column: 'Deleted column', field: 'Email' },
      ],
    }, columns, describeLead);
    expect(problems.map((p) => [p.code, p.field])).toEqual([
      ['FIELD_NOT_FILTERABLE', 'Description'],
      ['FIELD_NOT_FOUND', 'WalkMe_Gone__c'],
      ['FIELD_NOT_UPDATEABLE', 'Name'],
      ['TYPE_MISMATCH', 'WalkMe_NPS_Score__c'],
      ['FIELD_MAPPED_TWICE', 'WalkMe_Last_Login__c'],
      ['COLUMN_NOT_FOUND', 'Email'],
    ]);
    expect(problems[1].message).toBe('The field Lead.WalkMe_Gone__c (mapped from "NPS Score") no longer exists in Salesforce or is hidden from the connected user. Restore it or grant access in Salesforce Setup, or map "NPS Score" to another field.');
    expect(problems[3].message).toBe('The field Lead.WalkMe_NPS_Score__c is Number(3, 0) and cannot hold "Promoter", which is a yes/no column. Map it to a yes/no or text field.');
  });

  it('asks for at least one key and one mapping', () => {
    expect(checkMapping({ objectName: 'Lead', keys: [], mappings: [] }, columns, describeLead).map((p) => p.code)).toEqual(['NO_KEYS', 'NO_MAPPINGS']);
  });

  it('tells the wizard whether a column can go into a field', () => {
    expect(columnFitsField('datetime', describeLead.fields[5])).toBe(true);
    expect(columnFitsField('boolean', describeLead.fields[3])).toBe(false);
  });
});
