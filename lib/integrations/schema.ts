import { z } from 'zod';
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

/** The whole integration, as the server checks it on save. */
export const integrationSchema = z.object({ ...accountStep.shape, ...keysShape, ...mappingShape })
  .superRefine((v, ctx) => {
    checkKeys(v, ctx);
    const keyFields = new Set(completeRows(v.keys).map((k) => k.field.toLowerCase()));
    checkMappings(v, ctx, keyFields);
  })
  .transform((v) => ({ ...v, keys: completeRows(v.keys), mappings: completeRows(v.mappings) }));

/** What the wizard's form holds. */
export type IntegrationFormValues = z.input<typeof integrationSchema>;
/** An integration as checked: blank rows dropped, names trimmed, schedule defaulted. */
export type IntegrationInput = z.output<typeof integrationSchema>;

/** The name the wizard suggests: "<report> to <object>", which the user may edit. */
export function suggestIntegrationName(reportName: string, objectLabel: string): string {
  return `${reportName} to ${objectLabel}`.slice(0, MAX_NAME_LENGTH);
}
