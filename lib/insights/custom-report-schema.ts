import { z } from 'zod';
import { AVERAGE_DECIMALS, type ColumnType, type ReportColumn } from './columns';
import { EVENT_TYPE_PATTERN } from './event-schema';

/** Tags are short lowercase identifiers such as `integrations_salesforce`. */
export const tagSchema = z.string().trim().toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, { error: 'Use only lowercase letters, digits, _ and - in a tag, at most 50 characters.' });

/** End-user attributes a custom report can show. */
export const END_USER_FIELDS = ['userId', 'email', 'firstSeen', 'lastSeen'] as const;
export type EndUserField = (typeof END_USER_FIELDS)[number];

const label = z.string().trim().min(1, { error: 'Enter a label for the column.' }).max(80);
const eventType = z.string().regex(EVENT_TYPE_PATTERN, { error: 'Enter an event type of letters, digits and underscores, like login or feature_used.' });
const days = { error: 'Enter a whole number of days from 1 to 3650, or leave it empty.' };
const lastDays = z.number(days).int(days).min(1, days).max(3650, days);
// Property names are passed to SQL as parameters, never spliced, so any text is safe; the limit keeps them sane.
const property = z.string().min(1, { error: 'Enter a property name.' }).max(100);

/** One column of a custom report: an end-user field or a metric over one event type. */
export const customColumnSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('field'), label, field: z.enum(END_USER_FIELDS) }),
  z.object({ kind: z.literal('count'), label, eventType, lastDays: lastDays.optional() }),
  z.object({ kind: z.literal('firstTime'), label, eventType }),
  z.object({ kind: z.literal('lastTime'), label, eventType }),
  z.object({ kind: z.literal('latestValue'), label, eventType, property }),
  z.object({ kind: z.enum(['sum', 'avg', 'min', 'max']), label, eventType, property }),
]);
export type CustomColumn = z.infer<typeof customColumnSchema>;

/**
 * A custom report definition: the one schema shared by the form, the action and the queries. The key
 * column must be a User ID or Email field column, since the sync engine matches records on it.
 */
export const customReportSchema = z.object({
  name: z.string().trim().min(1, { error: 'Enter a name.' }).max(120),
  description: z.string().trim().max(1000).default(''),
  tags: z.array(tagSchema).max(20).default([]).transform((tags) => [...new Set(tags)]),
  keyColumn: z.string().trim().min(1, { error: 'Choose a key column.' }),
  columns: z.array(customColumnSchema).min(1, { error: 'Add at least one column.' }).max(50),
}).superRefine((report, ctx) => {
  const seen = new Set<string>();
  report.columns.forEach((column, i) => {
    const folded = column.label.toLowerCase();
    if (seen.has(folded)) ctx.addIssue({ code: 'custom', path: ['columns', i, 'label'], message: `The label "${column.label}" is used twice: give each column its own.` });
    seen.add(folded);
  });
  const key = report.columns.find((c) => c.label === report.keyColumn);
  if (!key) {
    ctx.addIssue({ code: 'custom', path: ['keyColumn'], message: 'Choose one of the report\'s columns as the key column.' });
  } else if (key.kind !== 'field' || (key.field !== 'userId' && key.field !== 'email')) {
    ctx.addIssue({ code: 'custom', path: ['keyColumn'], message: 'Choose a column showing the User ID or Email as the key column.' });
  }
});
export type CustomReportInput = z.input<typeof customReportSchema>;
export type CustomReportDefinition = z.output<typeof customReportSchema>;

/** The value type a custom column produces. */
export function customColumnType(column: CustomColumn): ColumnType {
  switch (column.kind) {
    case 'field':
      return column.field === 'email' ? 'email' : column.field === 'userId' ? 'string' : 'datetime';
    case 'count':
      return 'integer';
    case 'firstTime':
    case 'lastTime':
      return 'datetime';
    case 'latestValue':
      return 'string';
    case 'sum':
    case 'avg':
    case 'min':
    case 'max':
      return 'number';
  }
}

/** A custom column as a report column: its label, value type and, for an average, its rounding. */
export function customReportColumn(column: CustomColumn): ReportColumn {
  return { name: column.label, type: customColumnType(column), ...(column.kind === 'avg' ? { decimals: AVERAGE_DECIMALS } : {}) };
}
