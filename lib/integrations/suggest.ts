import type { ColumnType, ReportColumn } from '@/lib/insights/columns';
import type { NewCustomField, SalesforceField } from '@/lib/salesforce/client';

/** A report column matched to a Salesforce field, as the wizard's key and mapping rows hold it. */
export interface ColumnFieldPair {
  column: string;
  field: string;
}

/** Whether a column of this type can be written into the field (the engine's rule, passed in). */
export type FieldFits = (columnType: ColumnType, field: SalesforceField) => boolean;

/** Letters and digits only, lowercased: "WalkMe_# Logins__c" and "# Logins" compare on "walkmelogins" and "logins". */
function squash(text: string): string {
  return text.replace(/__c$/i, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** How well a field's name or label matches a column's name: 3 exact, 2 after the field's prefix, 0 none. */
export function nameScore(column: string, field: Pick<SalesforceField, 'name' | 'label'>): number {
  const c = squash(column);
  if (c === '') return 0;
  const candidates = [squash(field.name), squash(field.label)];
  if (candidates.includes(c)) return 3;
  // Custom fields usually carry a prefix (WalkMe_First_Login__c for "First Login").
  if (candidates.some((f) => f.endsWith(c) && f.length - c.length <= 12)) return 2;
  return 0;
}

/** The fields a mapping row may offer: updateable, not a key, not mapped by another row. */
export function mappableFields(fields: SalesforceField[], keys: ColumnFieldPair[], mappings: ColumnFieldPair[], ownField = ''): SalesforceField[] {
  const taken = new Set([...keys, ...mappings].map((p) => p.field.toLowerCase()).filter((f) => f !== '' && f !== ownField.toLowerCase()));
  return fields.filter((f) => f.updateable && !taken.has(f.name.toLowerCase()));
}

/**
 * Mapping rows suggested by name and type: each report column (other than the keys) with the best-named
 * field that can take its type, each field at most once. Columns with no such field are left out.
 */
export function suggestMappings(input: {
  columns: ReportColumn[];
  fields: SalesforceField[];
  keys: ColumnFieldPair[];
  mappings?: ColumnFieldPair[];
  fits: FieldFits;
}): ColumnFieldPair[] {
  const existing = input.mappings ?? [];
  const used = new Set([...input.keys, ...existing].map((p) => p.field.toLowerCase()));
  const skipColumns = new Set([...input.keys, ...existing].map((p) => p.column));
  const out: ColumnFieldPair[] = [];
  for (const column of input.columns) {
    if (skipColumns.has(column.name)) continue;
    let best: { field: SalesforceField; score: number } | null = null;
    for (const field of input.fields) {
      if (!field.updateable || used.has(field.name.toLowerCase()) || !input.fits(column.type, field)) continue;
      const score = nameScore(column.name, field);
      if (score > 0 && (!best || score > best.score)) best = { field, score };
    }
    if (best) {
      used.add(best.field.name.toLowerCase());
      out.push({ column: column.name, field: best.field.name });
    }
  }
  return out;
}

/**
 * The payload rows screen 3 opens with for a connector action: one per {{token}} of its payload, each filled
 * with the report column of the same name (ignoring case) when there is one, else left for the user to choose.
 */
export function suggestPayloadRows(columns: Array<Pick<ReportColumn, 'name'>>, tokens: string[]): ColumnFieldPair[] {
  return [...new Set(tokens)].map((token) => ({ field: token, column: columns.find((c) => c.name.toLowerCase() === token.toLowerCase())?.name ?? '' }));
}

/** The name the wizard suggests: "Logins Review to Lead". */
export function suggestIntegrationName(reportName: string, objectLabel: string): string {
  return `${reportName} to ${objectLabel}`.slice(0, 120);
}

const FIELD_TYPES: Record<ColumnType, Omit<NewCustomField, 'objectName' | 'name' | 'label'>> = {
  string: { type: 'Text', length: 255 },
  email: { type: 'Email' },
  number: { type: 'Number', precision: 18, scale: 2 },
  integer: { type: 'Number', precision: 18, scale: 0 },
  percent: { type: 'Percent', precision: 5, scale: 2 },
  boolean: { type: 'Checkbox' },
  date: { type: 'Date' },
  datetime: { type: 'DateTime' },
};

/** Salesforce allows 40 characters before `__c`. */
const MAX_FIELD_NAME = 40;

/**
 * The custom field "+ New field" proposes for a column: API name from the workspace's prefix plus the
 * column (`DIC_Logins_Last_30_Days`, without `__c`), label from the column, type from the column's type.
 * Salesforce names start with a letter, use letters, digits and single underscores and do not end with
 * one; a name already on the object gets `_2`, `_3`…
 */
export function proposeCustomField(objectName: string, column: ReportColumn, prefix: string, existing: string[]): NewCustomField {
  const words = column.name.replace(/#/g, ' ').split(/[^A-Za-z0-9]+/).filter(Boolean);
  let base = `${prefix}${words.join('_')}`.replace(/_+/g, '_').replace(/^[^A-Za-z]+/, '').replace(/_$/, '');
  if (base === '') base = 'Field';
  base = base.slice(0, MAX_FIELD_NAME).replace(/_$/, '');
  const taken = new Set(existing.map((n) => n.replace(/__c$/i, '').toLowerCase()));
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = `_${n}`;
    name = `${base.slice(0, MAX_FIELD_NAME - suffix.length).replace(/_$/, '')}${suffix}`;
  }
  return { objectName, name, label: column.name.slice(0, 40), ...FIELD_TYPES[column.type] };
}
