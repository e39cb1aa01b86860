import type { ColumnType, ReportColumn } from '@/lib/insights/columns';
import type { SalesforceField, SObjectDescribe } from '@/lib/salesforce/client';
import { fieldAccepts } from '@/lib/sync/convert';

/** What is wrong with one key pair or field mapping against the object's current describe. */
export interface MappingProblem {
  /** Whether the pair is a key pair (matching) or a field mapping (writing). */
  part: 'key' | 'mapping';
  column: string;
  field: string;
  code: 'COLUMN_NOT_FOUND' | 'FIELD_NOT_FOUND' | 'FIELD_NOT_UPDATEABLE' | 'FIELD_NOT_FILTERABLE' | 'TYPE_MISMATCH' | 'FIELD_MAPPED_TWICE' | 'NO_KEYS' | 'NO_MAPPINGS';
  /** A sentence for the user that names the field and the fix. */
  message: string;
}

/** The pairs to check: report column to Salesforce field. */
export interface MappingToCheck {
  objectName: string;
  keys: Array<{ column: string; field: string }>;
  mappings: Array<{ column: string; field: string }>;
}

const TYPE_WORDS: Record<ColumnType, string> = {
  string: 'text', email: 'e-mail', number: 'number', integer: 'whole number', percent: 'percent', boolean: 'yes/no', date: 'date', datetime: 'date-time',
};

/** Describes a Salesforce field type in words ("Number(3, 0)", "Text(80)", "Picklist"). */
export function fieldTypeLabel(field: Pick<SalesforceField, 'type' | 'length' | 'precision' | 'scale'>): string {
  switch (field.type) {
    case 'string': return `Text(${field.length})`;
    case 'textarea': return `Text Area(${field.length})`;
    case 'double': case 'currency': case 'percent': {
      const name = field.type === 'double' ? 'Number' : field.type === 'currency' ? 'Currency' : 'Percent';
      return `${name}(${field.precision - field.scale}, ${field.scale})`;
    }
    case 'int': return 'Number (whole)';
    case 'boolean': return 'Checkbox';
    case 'datetime': return 'Date/Time';
    default: return field.type.charAt(0).toUpperCase() + field.type.slice(1);
  }
}

/** Whether a report column of `columnType` can be written into `field`; the wizard warns when not. */
export function columnFitsField(columnType: ColumnType, field: SalesforceField): boolean {
  return fieldAccepts(field, columnType);
}

// Key fields are compared, never written: they must exist and be filterable, and text-like or numeric.
const KEYABLE = new Set(['id', 'string', 'email', 'phone', 'url', 'int', 'double', 'reference', 'picklist', 'long']);

/**
 * Checks an integration's key pairs and field mappings against the report's columns and the object's current
 * describe: each field still exists (fields hidden by field-level security are missing too), mapped fields
 * can be updated and accept the column's type, key fields can be filtered on, and no field is used twice.
 * Returns every problem found (empty when the mapping can run), so the engine can fail before writing
 * anything and the wizard can show all of them at once.
 */
export function checkMapping(mapping: MappingToCheck, columns: ReportColumn[], describe: SObjectDescribe): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const fields = new Map(describe.fields.map((f) => [f.name.toLowerCase(), f]));
  const columnTypes = new Map(columns.map((c) => [c.name, c.type]));
  const object = describe.name;
  if (mapping.keys.length === 0) problems.push({ part: 'key', column: '', field: '', code: 'NO_KEYS', message: 'Match at least one report identifier to a Salesforce identifier.' });
  if (mapping.mappings.length === 0) problems.push({ part: 'mapping', column: '', field: '', code: 'NO_MAPPINGS', message: 'Map at least one report column to a Salesforce field.' });
  const used = new Set<string>();
  const pairs = [...mapping.keys.map((p) => ({ ...p, part: 'key' as const })), ...mapping.mappings.map((p) => ({ ...p, part: 'mapping' as const }))];
  for (const pair of pairs) {
    const problem = (code: MappingProblem['code'], message: string) => problems.push({ part: pair.part, column: pair.column, field: pair.field, code, message });
    const columnType = columnTypes.get(pair.column);
    if (!columnType) {
      problem('COLUMN_NOT_FOUND', `The report has no column "${pair.column}" any more. Choose another column for ${object}.${pair.field}.`);
      continue;
    }
    const field = fields.get(pair.field.toLowerCase());
    if (!field) {
      problem('FIELD_NOT_FOUND', `The field ${object}.${pair.field} (mapped from "${pair.column}") no longer exists in Salesforce or is hidden from the connected user. Restore it or grant access in Salesforce Setup, or map "${pair.column}" to another field.`);
      continue;
    }
    if (used.has(field.name.toLowerCase())) {
      problem('FIELD_MAPPED_TWICE', `The field ${object}.${field.name} is used twice. Each Salesforce field may be matched or mapped only once.`);
      continue;
    }
    used.add(field.name.toLowerCase());
    if (pair.part === 'key') {
      if (!field.filterable || !KEYABLE.has(field.type)) {
        problem('FIELD_NOT_FILTERABLE', `The field ${object}.${field.name} cannot be used to find records (${fieldTypeLabel(field)} fields cannot be filtered on). Match "${pair.column}" to an identifier such as Email or an external ID field.`);
      }
      continue;
    }
    if (!field.updateable) {
      problem('FIELD_NOT_UPDATEABLE', `The field ${object}.${field.name} cannot be updated (it is read-only, calculated or system-managed). Map "${pair.column}" to a field that can be edited.`);
      continue;
    }
    if (!columnTypes.has(pair.column) || !fieldAccepts(field, columnType)) {
      problem('TYPE_MISMATCH', `The field ${object}.${field.name} is ${fieldTypeLabel(field)} and cannot hold "${pair.column}", which is a ${TYPE_WORDS[columnType]} column. Map it to a ${TYPE_WORDS[columnType]} or text field.`);
    }
  }
  return problems;
}
