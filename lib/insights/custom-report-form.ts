import { z } from 'zod';
import { SALESFORCE_TAG } from './builtin-reports';
import {
  customReportSchema, END_USER_FIELDS, type CustomColumn, type CustomReportDefinition, type CustomReportInput,
} from './custom-report-schema';

/** What a column row can show, in the order the form offers them. */
export const COLUMN_KINDS = ['field', 'count', 'firstTime', 'lastTime', 'latestValue', 'sum', 'avg', 'min', 'max'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

export const COLUMN_KIND_LABELS: Record<ColumnKind, string> = {
  field: 'End-user field',
  count: 'Count of events',
  firstTime: 'First time of an event',
  lastTime: 'Last time of an event',
  latestValue: 'Latest value of a property',
  sum: 'Sum of a numeric property',
  avg: 'Average of a numeric property',
  min: 'Minimum of a numeric property',
  max: 'Maximum of a numeric property',
};

export const END_USER_FIELD_LABELS: Record<(typeof END_USER_FIELDS)[number], string> = {
  userId: 'User ID', email: 'Email', firstSeen: 'First seen', lastSeen: 'Last seen',
};

/** Which inputs a row of this kind uses; the others stay in the form but are not sent. */
export function kindUses(kind: ColumnKind) {
  return {
    field: kind === 'field',
    eventType: kind !== 'field',
    lastDays: kind === 'count',
    property: kind === 'latestValue' || kind === 'sum' || kind === 'avg' || kind === 'min' || kind === 'max',
  };
}

/**
 * A column row as the form holds it: every input of every kind, all as text, so switching the kind of a
 * row keeps what was typed. Validation is customReportSchema's (piped below), not a second set of rules.
 */
const formColumnSchema = z.object({
  kind: z.enum(COLUMN_KINDS),
  label: z.string(),
  field: z.enum(END_USER_FIELDS),
  eventType: z.string(),
  property: z.string(),
  lastDays: z.string(),
});
export type FormColumn = z.infer<typeof formColumnSchema>;

function toColumn(row: FormColumn): Record<string, unknown> {
  const uses = kindUses(row.kind);
  const column: Record<string, unknown> = { kind: row.kind, label: row.label };
  if (uses.field) column.field = row.field;
  if (uses.eventType) column.eventType = row.eventType.trim();
  if (uses.property) column.property = row.property.trim();
  // An empty "last N days" means all time; anything else must be a whole number, which the schema checks.
  if (uses.lastDays && row.lastDays.trim() !== '') column.lastDays = Number(row.lastDays.trim());
  return column;
}

/** Tags typed as "a, b c" plus the Salesforce checkbox, as the schema's tag list. */
export function tagsFromForm(text: string, salesforce: boolean): string[] {
  const typed = text.split(/[\s,]+/).filter((t) => t !== '' && t.toLowerCase() !== SALESFORCE_TAG);
  return salesforce ? [SALESFORCE_TAG, ...typed] : typed;
}

/** The builder form: its own field shapes, turned into a definition and checked by customReportSchema. */
export const customReportFormSchema = z.object({
  name: z.string(),
  description: z.string(),
  tags: z.string(),
  salesforce: z.boolean(),
  keyColumn: z.string(),
  columns: z.array(formColumnSchema),
}).transform((form): CustomReportInput => ({
  name: form.name,
  description: form.description,
  tags: tagsFromForm(form.tags, form.salesforce),
  keyColumn: form.keyColumn.trim(),
  columns: form.columns.map(toColumn) as CustomReportInput['columns'],
})).pipe(customReportSchema);

export type CustomReportFormValues = z.input<typeof customReportFormSchema>;

export function emptyColumn(kind: ColumnKind = 'count'): FormColumn {
  return { kind, label: '', field: 'userId', eventType: '', property: '', lastDays: '' };
}

/** A new report starts with the User ID key column, tagged for Salesforce like the built-ins. */
export function newReportValues(): CustomReportFormValues {
  return {
    name: '', description: '', tags: '', salesforce: true, keyColumn: 'User ID',
    columns: [{ ...emptyColumn('field'), label: 'User ID' }, emptyColumn()],
  };
}

function fromColumn(column: CustomColumn): FormColumn {
  const row = { ...emptyColumn(column.kind), label: column.label };
  if ('field' in column) row.field = column.field;
  if ('eventType' in column) row.eventType = column.eventType;
  if ('property' in column) row.property = column.property;
  if ('lastDays' in column && column.lastDays !== undefined) row.lastDays = String(column.lastDays);
  return row;
}

/** A stored definition as the form shows it, for editing. */
export function formValuesOf(definition: CustomReportDefinition): CustomReportFormValues {
  return {
    name: definition.name, description: definition.description,
    tags: definition.tags.filter((t) => t !== SALESFORCE_TAG).join(', '),
    salesforce: definition.tags.includes(SALESFORCE_TAG),
    keyColumn: definition.keyColumn,
    columns: definition.columns.map(fromColumn),
  };
}
