/**
 * What a connector run sends for one report row: the mapped values under their payload keys (or template
 * tokens), and the hash that decides whether the row changed since it was last accepted.
 */
import crypto from 'node:crypto';
import type { ColumnFieldPair, FieldValues, RowFilter } from '@/db/schema';
import type { ReportDefinition, ReportRow } from '@/lib/insights/columns';
import { templateFromMappings, templateTokens } from './templating';

/** How rows become payloads: through the action's tokens, or as key-value pairs when it has none. */
export interface PayloadPlan {
  /** The template rendered for each row: the action's, or one built from the mappings. */
  template: string;
  mappings: ColumnFieldPair[];
  filters: RowFilter[];
  /** Part of every hash: a change of action, template or mapping sends every row again. */
  fingerprint: string;
}

/** A problem of the payload plan, with the wizard's form field it is about (`mappings.2.column`, `filters.0.column`, `mappings`). */
export interface PayloadProblem {
  path: string;
  message: string;
}

/** Problems that stop a run before anything is sent, each naming the column or token and the fix, keyed to the form field. */
export function payloadFieldProblems(report: Pick<ReportDefinition, 'name' | 'columns'>, actionTemplate: string, mappings: ColumnFieldPair[], filters: RowFilter[]): PayloadProblem[] {
  const columns = new Set(report.columns.map((c) => c.name));
  const problems: PayloadProblem[] = [];
  mappings.forEach((m, i) => {
    if (!columns.has(m.column)) problems.push({ path: `mappings.${i}.column`, message: `The report ${report.name} has no column "${m.column}" any more; map another column to "${m.field}".` });
  });
  filters.forEach((f, i) => {
    if (!columns.has(f.column)) problems.push({ path: `filters.${i}.column`, message: `The row filter uses "${f.column}", which the report ${report.name} no longer has; edit the filter.` });
  });
  const mapped = new Set(mappings.map((m) => m.field));
  for (const t of templateTokens(actionTemplate)) {
    if (!mapped.has(t.name)) problems.push({ path: 'mappings', message: `The action's payload uses {{${t.name}}}, but no report column is mapped to it; map one on screen 3.` });
  }
  if (mappings.length === 0 && templateTokens(actionTemplate).length === 0 && actionTemplate.replace(/\s/g, '') !== '{}') {
    problems.push({ path: 'mappings', message: 'Map at least one report column to a payload key.' });
  }
  return problems;
}

/** Problems that stop a run before anything is sent, each naming the column or token and the fix. */
export function payloadProblems(report: Pick<ReportDefinition, 'name' | 'columns'>, actionTemplate: string, mappings: ColumnFieldPair[], filters: RowFilter[]): string[] {
  return payloadFieldProblems(report, actionTemplate, mappings, filters).map((p) => p.message);
}

/** The plan of a run: the template (the action's when it has tokens, else one from the mappings) and the fingerprint. */
export function payloadPlan(action: { id: string; url: string; method: string; payloadTemplate: string }, mappings: ColumnFieldPair[], filters: RowFilter[]): PayloadPlan {
  const template = templateTokens(action.payloadTemplate).length > 0 ? action.payloadTemplate
    // Row values are keyed by payload key, so the built template's tokens are the keys themselves.
    : action.payloadTemplate.replace(/\s/g, '') === '{}' && mappings.length > 0 ? templateFromMappings(mappings.map((m) => ({ column: m.field, field: m.field })))
      : action.payloadTemplate;
  const fingerprint = crypto.createHash('sha256').update(JSON.stringify([action.id, action.method, action.url, template, mappings])).digest('hex').slice(0, 16);
  return { template, mappings, filters, fingerprint };
}

function plain(value: ReportRow[string]): string | number | boolean | null {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value ?? null;
}

/** The row's values under their payload keys, and their hash. */
export function rowPayloadValues(row: ReportRow, plan: PayloadPlan): { values: FieldValues; hash: string } {
  const values: FieldValues = {};
  for (const m of plan.mappings) values[m.field] = plain(row[m.column]);
  const hash = crypto.createHash('sha256').update(plan.fingerprint).update(JSON.stringify(Object.entries(values).sort(([a], [b]) => a.localeCompare(b)))).digest('hex');
  return { values, hash };
}
