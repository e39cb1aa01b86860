import { describe, expect, it } from 'vitest';
import { customReportFormSchema, emptyColumn, formValuesOf, newReportValues, type CustomReportFormValues } from './custom-report-form';

const form = (overrides: Partial<CustomReportFormValues> = {}): CustomReportFormValues => ({
  ...newReportValues(),
  name: 'Plans',
  tags: 'usage, weekly',
  columns: [
    { ...emptyColumn('field'), label: 'User ID' },
    { ...emptyColumn('count'), label: 'Logins 7d', eventType: 'login', lastDays: '7', property: 'typed before switching kind' },
    { ...emptyColumn('latestValue'), label: 'Plan', eventType: 'subscription', property: 'plan' },
  ],
  ...overrides,
});

describe('custom report form schema', () => {
  it('turns the form into a definition: tags with the Salesforce box, days as a number, unused inputs dropped', () => {
    const parsed = customReportFormSchema.parse(form());
    expect(parsed.tags).toEqual(['integrations_salesforce', 'usage', 'weekly']);
    expect(parsed.columns).toEqual([
      { kind: 'field', label: 'User ID', field: 'userId' },
      { kind: 'count', label: 'Logins 7d', eventType: 'login', lastDays: 7 },
      { kind: 'latestValue', label: 'Plan', eventType: 'subscription', property: 'plan' },
    ]);
    expect(customReportFormSchema.parse(form({ salesforce: false, tags: '' })).tags).toEqual([]);
    // Editing shows a stored definition as the same form values it was made from.
    expect(customReportFormSchema.parse(formValuesOf(parsed))).toEqual(parsed);
  });

  it('reports problems at the paths of the form inputs', () => {
    const result = customReportFormSchema.safeParse(form({
      name: ' ', tags: 'Bad Tag!',
      columns: [
        { ...emptyColumn('field'), label: 'User ID' },
        { ...emptyColumn('count'), label: 'Logins', eventType: 'login', lastDays: 'seven' },
        { ...emptyColumn('sum'), label: 'logins', eventType: '1bad', property: '' },
      ],
    }));
    expect(result.success).toBe(false);
    const paths = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(paths).toMatchObject({
      name: 'Enter a name.',
      'columns.1.lastDays': 'Enter a whole number of days from 1 to 3650, or leave it empty.',
      'columns.2.eventType': expect.stringContaining('event type'),
      'columns.2.property': 'Enter a property name.',
    });
    expect(Object.keys(paths).some((p) => p.startsWith('tags.'))).toBe(true);
  });

  it('needs a User ID or Email key column and unique labels', () => {
    const noKey = customReportFormSchema.safeParse(form({ keyColumn: 'Plan' }));
    expect(noKey.error?.issues.map((i) => i.path.join('.'))).toContain('keyColumn');
    const twice = customReportFormSchema.safeParse(form({ columns: [{ ...emptyColumn('field'), label: 'User ID' }, { ...emptyColumn('field'), label: 'user id', field: 'email' }] }));
    expect(twice.error?.issues.map((i) => i.path.join('.'))).toContain('columns.1.label');
  });
});
