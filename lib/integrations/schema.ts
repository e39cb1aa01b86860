import { z } from 'zod';
import type { RowFilter } from '@/db/schema';
import { FILTER_OPERATORS } from '@/lib/connectors/row-filter';
import { cronProblem, DEFAULT_SCHEDULE, isTimeZone } from './schedule';

// One schema for an integration, in the parts the wizard's screens edit. The wizard's react-hook-form uses the
// parts (and the whole, on the last screen); the server parses the whole again on save. Checks that need the
// object's describe (fields exist, are updateable, accept the column's type) are the engine's, not this file's.

/** Longest integration name. */
export const MAX_NAME_LENGTH = 120;

/** A report column and the Salesforce field it goes to; the wizard's rows may be blank while being filled. */
const pairRow = z.object({
  column: z.string().trim().default(''),
  field: z.string().trim().default(''),
});
type PairRow = z.output<typeof pairRow>;

const isBlank = (row: PairRow) => row.column === '' && row.field === '';
const isComplete = (row: PairRow) => row.column !== '' && row.field !== '';

type Ctx = z.RefinementCtx;

/** Each row complete (both halves chosen) and each Salesforce field matched once. */
function checkRows(rows: PairRow[], list: 'keys' | 'mappings', ctx: Ctx, alsoTaken: Set<string> = new Set()) {
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    if (isBlank(row)) return;
    if (row.column === '') ctx.addIssue({ code: 'custom', path: [list, index, 'column'], message: 'Choose a report column.' });
    if (row.field === '') ctx.addIssue({ code: 'custom', path: [list, index, 'field'], message: 'Choose a Salesforce field.' });
    if (row.field === '') return;
    const field = row.field.toLowerCase();
    if (alsoTaken.has(field)) {
      ctx.addIssue({ code: 'custom', path: [list, index, 'field'], message: `${row.field} is a key field; it cannot also be updated. Choose another field.` });
    } else if (seen.has(field)) {
      const verb = list === 'keys' ? 'matched' : 'mapped';
      ctx.addIssue({ code: 'custom', path: [list, index, 'field'], message: `${row.field} is already ${verb} in row ${seen.get(field)! + 1}. Choose another field or remove this row.` });
    } else {
      seen.set(field, index);
    }
  });
}

const completeRows = (rows: PairRow[]) => rows.filter((r) => !isBlank(r)).map((r) => ({ column: r.column, field: r.field }));

/** Screen 1: the Salesforce account (org) to write to. */
export const accountStep = z.object({
  accountId: z.uuid({ error: 'Choose a Salesforce account.' }),
});

const keysShape = {
  reportId: z.string({ error: 'Choose a report.' }).trim().min(1, { error: 'Choose a report.' }),
  objectName: z.string({ error: 'Choose a Salesforce object.' }).trim().min(1, { error: 'Choose a Salesforce object.' }),
  keys: z.array(pairRow).default([]),
};

function checkKeys(value: { keys: PairRow[] }, ctx: Ctx) {
  if (!value.keys.some(isComplete)) {
    ctx.addIssue({ code: 'custom', path: ['keys'], message: 'Add a key: a report column and the Salesforce field that identifies the same record, like Email.' });
  }
  checkRows(value.keys, 'keys', ctx);
}

/** Screen 2: the report, the object, and the key pairs that find each row's records. */
export const keysStep = z.object(keysShape).superRefine(checkKeys).transform((v) => ({ ...v, keys: completeRows(v.keys) }));

const mappingShape = {
  mappings: z.array(pairRow).default([]),
  name: z.string({ error: 'Enter a name.' }).trim().min(1, { error: 'Enter a name.' })
    .max(MAX_NAME_LENGTH, { error: `Use at most ${MAX_NAME_LENGTH} characters.` }),
  scheduleCron: z.string().trim().default(DEFAULT_SCHEDULE.cron)
    .superRefine((cron, ctx) => { const problem = cronProblem(cron); if (problem) ctx.addIssue({ code: 'custom', message: problem }); }),
  scheduleTimezone: z.string().trim().default(DEFAULT_SCHEDULE.timezone)
    .refine(isTimeZone, { error: 'Choose a time zone from the list, like UTC or Europe/Berlin.' }),
  enabled: z.boolean().default(true),
};

function checkMappings(value: { mappings: PairRow[] }, ctx: Ctx, keyFields: Set<string> = new Set()) {
  if (!value.mappings.some(isComplete)) {
    ctx.addIssue({ code: 'custom', path: ['mappings'], message: 'Map at least one report column to a Salesforce field to update.' });
  }
  checkRows(value.mappings, 'mappings', ctx, keyFields);
}

/**
 * Screen 3: the fields to update, the name, the schedule and whether it is active. On its own it cannot
 * see the keys; the whole schema also refuses a mapped field that is a key.
 */
export const mappingStep = z.object(mappingShape).superRefine((v, ctx) => checkMappings(v, ctx))
  .transform((v) => ({ ...v, mappings: completeRows(v.mappings) }));

/** Where the rows go: a Salesforce object of a connected account, or a connector's JSON event or external action. */
export const DESTINATIONS = ['salesforce', 'connector'] as const;
export type Destination = (typeof DESTINATIONS)[number];

/** Longest payload key and filter value. */
const MAX_KEY_LENGTH = 200;
const FILTER_VALUES = FILTER_OPERATORS.map((o) => o.value) as [RowFilter['operator'], ...RowFilter['operator'][]];

/** One condition of the row filter, as the wizard edits it; a row without a column is blank. */
const filterRow = z.object({
  column: z.string().trim().default(''),
  operator: z.enum(FILTER_VALUES, { error: 'Choose how the filter compares.' }).default('eq'),
  // Null for operators without a value (is empty), as a saved filter holds it.
  value: z.string().trim().max(500, { error: 'Use at most 500 characters.' }).nullish().transform((v) => v ?? ''),
});
type FilterRow = z.output<typeof filterRow>;

const UUID = z.uuid();
const isId = (value: string) => UUID.safeParse(value).success;

/** Payload keys: each row complete, each key used once (JSON keys are case-sensitive). */
function checkPayloadRows(rows: PairRow[], ctx: Ctx) {
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    if (isBlank(row)) return;
    if (row.column === '') ctx.addIssue({ code: 'custom', path: ['mappings', index, 'column'], message: 'Choose a report column.' });
    if (row.field === '') { ctx.addIssue({ code: 'custom', path: ['mappings', index, 'field'], message: 'Enter the payload key, like email.' }); return; }
    if (row.field.length > MAX_KEY_LENGTH) ctx.addIssue({ code: 'custom', path: ['mappings', index, 'field'], message: `Use at most ${MAX_KEY_LENGTH} characters.` });
    if (seen.has(row.field)) {
      ctx.addIssue({ code: 'custom', path: ['mappings', index, 'field'], message: `The key "${row.field}" is already mapped in row ${seen.get(row.field)! + 1}. Each key takes one column.` });
    } else seen.set(row.field, index);
  });
}

const needsValue = (operator: RowFilter['operator']) => FILTER_OPERATORS.find((o) => o.value === operator)?.needsValue ?? true;

function checkFilters(rows: FilterRow[], ctx: Ctx) {
  rows.forEach((row, index) => {
    if (row.column === '') {
      if (row.value !== '') ctx.addIssue({ code: 'custom', path: ['filters', index, 'column'], message: 'Choose the column to compare, or remove this condition.' });
      return;
    }
    if (needsValue(row.operator) && row.value === '') {
      ctx.addIssue({ code: 'custom', path: ['filters', index, 'value'], message: 'Enter the value to compare with, like 6 or Detractor.' });
    }
  });
}

/** The filter as saved: a condition per row with a column; no value for is empty / is not empty. */
export type SavedFilter = Pick<RowFilter, 'column' | 'operator'> & { value: string | null };

const completeFilters = (rows: FilterRow[]): SavedFilter[] => rows.filter((r) => r.column !== '')
  .map((r) => ({ column: r.column, operator: r.operator, value: needsValue(r.operator) ? r.value : null }));

/**
 * The whole integration, as the wizard's form holds it and the server checks it on save. `destination` says
 * which parts count: a Salesforce account, object and keys, or a connector and its JSON event or action, a
 * row filter and whether unchanged rows are sent again. The output keeps only the parts of its destination.
 */
export const integrationSchema = z.object({
  destination: z.enum(DESTINATIONS, { error: 'Choose where to send the rows.' }).default('salesforce'),
  accountId: z.string().trim().default(''),
  connectorId: z.string().trim().default(''),
  reportId: keysShape.reportId,
  objectName: z.string().trim().default(''),
  keys: keysShape.keys,
  actionId: z.string().trim().default(''),
  filters: z.array(filterRow).default([]),
  sendUnchanged: z.boolean().default(false),
  ...mappingShape,
})
  .superRefine((v, ctx) => {
    if (v.destination === 'salesforce') {
      if (!isId(v.accountId)) ctx.addIssue({ code: 'custom', path: ['accountId'], message: 'Choose a Salesforce account.' });
      if (v.objectName === '') ctx.addIssue({ code: 'custom', path: ['objectName'], message: 'Choose a Salesforce object.' });
      checkKeys(v, ctx);
      const keyFields = new Set(completeRows(v.keys).map((k) => k.field.toLowerCase()));
      checkMappings(v, ctx, keyFields);
      return;
    }
    if (!isId(v.connectorId)) ctx.addIssue({ code: 'custom', path: ['connectorId'], message: 'Choose Qualtrics or the connector to send to.' });
    if (!isId(v.actionId)) ctx.addIssue({ code: 'custom', path: ['actionId'], message: 'Choose the JSON event or action to send to.' });
    checkPayloadRows(v.mappings, ctx);
    checkFilters(v.filters, ctx);
  })
  .transform((v) => {
    const common = { reportId: v.reportId, mappings: completeRows(v.mappings), name: v.name, scheduleCron: v.scheduleCron, scheduleTimezone: v.scheduleTimezone, enabled: v.enabled };
    if (v.destination === 'salesforce') {
      return { destination: 'salesforce' as const, accountId: v.accountId, objectName: v.objectName, keys: completeRows(v.keys), ...common };
    }
    return { destination: 'connector' as const, connectorId: v.connectorId, actionId: v.actionId, filters: completeFilters(v.filters), sendUnchanged: v.sendUnchanged, ...common };
  });

/** What the wizard's form holds. */
export type IntegrationFormValues = z.input<typeof integrationSchema>;
/** An integration as checked: blank rows dropped, names trimmed, schedule defaulted, only its destination's parts. */
export type IntegrationInput = z.output<typeof integrationSchema>;
export type SalesforceIntegrationInput = Extract<IntegrationInput, { destination: 'salesforce' }>;
export type ConnectorIntegrationInput = Extract<IntegrationInput, { destination: 'connector' }>;

/** The name the wizard suggests: "<report> to <object>", which the user may edit. */
export function suggestIntegrationName(reportName: string, objectLabel: string): string {
  return `${reportName} to ${objectLabel}`.slice(0, MAX_NAME_LENGTH);
}
