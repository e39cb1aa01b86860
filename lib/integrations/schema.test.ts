import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { accountStep, integrationSchema, keysStep, mappingStep, suggestIntegrationName } from './schema';
import { nextRun, nextRuns } from './schedule';

const valid = {
  accountId: '7b0c8f38-3c59-4a4e-9f57-8f3a1d3c2b11',
  reportId: 'logins-review',
  objectName: 'Contact',
  keys: [{ column: 'Email', field: 'Email' }],
  mappings: [{ column: 'Last Login', field: 'Last_Login__c' }, { column: '', field: '' }],
  name: ' Logins Review to Contact ',
};

/** The messages of a failed parse, by dotted path. */
function messages(schema: z.ZodType, value: unknown): Record<string, string[]> {
  const result = schema.safeParse(value);
  if (result.success) return {};
  const out: Record<string, string[]> = {};
  for (const issue of result.error.issues) (out[issue.path.join('.')] ??= []).push(issue.message);
  return out;
}

describe('the integration schema', () => {
  it('accepts a complete integration, dropping blank rows and applying the default schedule', () => {
    expect(integrationSchema.parse(valid)).toEqual({
      destination: 'salesforce', ...valid, name: 'Logins Review to Contact', mappings: [{ column: 'Last Login', field: 'Last_Login__c' }],
      scheduleCron: '0 8 * * *', scheduleTimezone: 'UTC', enabled: true,
    });
  });

  it('screen 1 asks for an account', () => {
    expect(messages(accountStep, {})).toEqual({ accountId: ['Choose a Salesforce account.'] });
  });

  it('screen 2 asks for a report, an object and a key, each field matched once', () => {
    expect(messages(keysStep, { reportId: '', objectName: ' ', keys: [] })).toEqual({
      reportId: ['Choose a report.'], objectName: ['Choose a Salesforce object.'],
      keys: ['Add a key: a report column and the Salesforce field that identifies the same record, like Email.'],
    });
    expect(messages(keysStep, { ...valid, keys: [{ column: 'Email', field: 'Email' }, { column: 'Work Email', field: 'email' }, { column: 'Id', field: '' }] })).toEqual({
      'keys.1.field': ['email is already matched in row 1. Choose another field or remove this row.'],
      'keys.2.field': ['Choose a Salesforce field.'],
    });
  });

  it('screen 3 asks for one complete mapping, a name, a valid cron and time zone', () => {
    expect(messages(mappingStep, { mappings: [{ column: 'Score', field: '' }], name: '  ', scheduleCron: '0 8 * *', scheduleTimezone: 'Mars/Olympus' })).toEqual({
      mappings: ['Map at least one report column to a Salesforce field to update.'],
      'mappings.0.field': ['Choose a Salesforce field.'],
      name: ['Enter a name.'],
      scheduleCron: ['A schedule has 5 fields (minute hour day month weekday), like 0 8 * * *; this one has 4.'],
      scheduleTimezone: ['Choose a time zone from the list, like UTC or Europe/Berlin.'],
    });
    expect(messages(mappingStep, { ...valid, scheduleCron: '0 25 * * *' }).scheduleCron[0]).toMatch(/^This schedule is not valid cron/);
    expect(messages(mappingStep, { ...valid, name: 'x'.repeat(121) })).toEqual({ name: ['Use at most 120 characters.'] });
  });

  it('refuses a field mapped twice or mapped while it is a key', () => {
    expect(messages(integrationSchema, { ...valid, mappings: [{ column: 'A', field: 'Score__c' }, { column: 'B', field: 'Score__c' }, { column: 'C', field: 'EMAIL' }] })).toEqual({
      'mappings.1.field': ['Score__c is already mapped in row 1. Choose another field or remove this row.'],
      'mappings.2.field': ['EMAIL is a key field; it cannot also be updated. Choose another field.'],
    });
  });

  it('suggests "<report> to <object>" and computes the next run in the schedule\'s time zone', () => {
    expect(suggestIntegrationName('Logins Review', 'Contact')).toBe('Logins Review to Contact');
    const from = new Date('2026-03-28T12:00:00Z');
    expect(nextRuns('0 8 * * *', 'UTC', from)[0].toISOString()).toBe('2026-03-29T08:00:00.000Z');
    // Berlin moves to summer time on 29 March 2026: 08:00 there is 06:00 UTC that day.
    expect(nextRuns('0 8 * * *', 'Europe/Berlin', from, 2).map((d) => d.toISOString())).toEqual(['2026-03-29T06:00:00.000Z', '2026-03-30T06:00:00.000Z']);
  });

  it('gives the next run alone, and no next run for a cron that cannot be read', () => {
    const from = new Date('2026-03-28T12:00:00Z');
    expect(nextRun('0 8 * * 1-5', 'UTC', from)?.toISOString()).toBe('2026-03-30T08:00:00.000Z');
    expect(nextRun('every morning', 'UTC', from)).toBeNull();
  });
});

describe('time zones', () => {
  it('accepts the IANA zones pg-boss schedules in, and refuses typos', () => {
    for (const tz of ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata']) expect(integrationSchema.safeParse({ ...valid, scheduleTimezone: tz }).success).toBe(true);
    for (const tz of ['America/New_Yrok', 'Berlin', 'GMT+25', '']) expect(integrationSchema.safeParse({ ...valid, scheduleTimezone: tz }).success).toBe(false);
  });
});
