/**
 * Field definitions as the emulator uses them at run time: every attribute resolved, system fields added,
 * so validation, describe and SOQL read one shape.
 */
import type { FieldType, SeedField } from '../seed/schema';

/** One picklist value as describe reports it. */
export interface PicklistEntry {
  value: string;
  label: string;
  default: boolean;
  active: boolean;
}

/** A field with all of its attributes resolved. */
export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  length: number;
  precision: number;
  scale: number;
  picklist: PicklistEntry[];
  restricted: boolean;
  required: boolean;
  nillable: boolean;
  externalId: boolean;
  idLookup: boolean;
  unique: boolean;
  caseSensitive: boolean;
  autoNumber: boolean;
  displayFormat: string | null;
  calculated: boolean;
  formula: string | null;
  referenceTo: string[];
  relationshipName: string | null;
  createable: boolean;
  updateable: boolean;
  defaultValue: string | number | boolean | null;
  custom: boolean;
  visible: boolean;
  /** Id of the field's Tooling API CustomField record (custom fields only). */
  toolingId?: string;
}

const DEFAULT_LENGTH: Partial<Record<FieldType, number>> = {
  id: 18, reference: 18, string: 255, email: 80, phone: 40, url: 255, textarea: 32000, picklist: 255,
  multipicklist: 4099,
};

/** Resolves a seed field into a full definition. */
export function resolveField(f: SeedField): FieldDef {
  const derived = Boolean(f.calculated || f.autoNumber || f.type === 'id');
  const numeric = f.type === 'double' || f.type === 'currency' || f.type === 'percent' || f.type === 'int';
  const nillable = f.type === 'boolean' || f.type === 'id' ? false : !(f.required ?? false) || derived;
  return {
    name: f.name,
    label: f.label ?? labelFromName(f.name),
    type: f.type,
    length: f.type === 'string' && f.autoNumber ? 30 : (f.length ?? DEFAULT_LENGTH[f.type] ?? 0),
    precision: numeric ? (f.precision ?? (f.type === 'int' ? 9 : 18)) : 0,
    scale: numeric ? (f.scale ?? 0) : 0,
    picklist: (f.picklistValues ?? []).map((p) => (typeof p === 'string'
      ? { value: p, label: p, default: false, active: true }
      : { value: p.value, label: p.label ?? p.value, default: p.default ?? false, active: p.active ?? true })),
    restricted: f.restricted ?? false,
    required: (f.required ?? false) && !derived,
    nillable,
    externalId: f.externalId ?? false,
    idLookup: f.idLookup ?? (f.externalId || f.type === 'id' || false),
    unique: f.unique ?? false,
    caseSensitive: f.caseSensitive ?? false,
    autoNumber: f.autoNumber ?? false,
    displayFormat: f.displayFormat ?? null,
    calculated: f.calculated ?? false,
    formula: f.formula ?? null,
    referenceTo: f.referenceTo ?? [],
    relationshipName: f.relationshipName ?? null,
    createable: derived ? false : (f.createable ?? true),
    updateable: derived ? false : (f.updateable ?? true),
    defaultValue: f.defaultValue ?? null,
    custom: f.name.endsWith('__c'),
    visible: f.visible ?? true,
  };
}

/** Turns `WalkMe_Last_Login__c` into "WalkMe Last Login" the way the setup UI defaults labels. */
function labelFromName(name: string): string {
  return name.replace(/__c$/, '').replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');
}

/** The audit fields every Salesforce object has; read-only, set by the platform. */
export function systemFields(): SeedField[] {
  return [
    { name: 'Id', label: 'Record ID', type: 'id' },
    { name: 'IsDeleted', label: 'Deleted', type: 'boolean', createable: false, updateable: false },
    { name: 'CreatedDate', label: 'Created Date', type: 'datetime', createable: false, updateable: false },
    { name: 'CreatedById', label: 'Created By ID', type: 'reference', referenceTo: ['User'], relationshipName: 'CreatedBy', createable: false, updateable: false },
    { name: 'LastModifiedDate', label: 'Last Modified Date', type: 'datetime', createable: false, updateable: false },
    { name: 'LastModifiedById', label: 'Last Modified By ID', type: 'reference', referenceTo: ['User'], relationshipName: 'LastModifiedBy', createable: false, updateable: false },
    { name: 'SystemModstamp', label: 'System Modstamp', type: 'datetime', createable: false, updateable: false },
  ];
}

/** The SOAP type describe reports for each field type. */
export function soapType(type: FieldType): string {
  switch (type) {
    case 'id': case 'reference': return 'tns:ID';
    case 'boolean': return 'xsd:boolean';
    case 'int': return 'xsd:int';
    case 'double': case 'currency': case 'percent': return 'xsd:double';
    case 'date': return 'xsd:date';
    case 'datetime': return 'xsd:dateTime';
    default: return 'xsd:string';
  }
}

/** Whether a field's values compare as text (case-insensitively, as SOQL does). */
export function isTextType(type: FieldType): boolean {
  return type === 'string' || type === 'email' || type === 'phone' || type === 'url' || type === 'textarea'
    || type === 'picklist' || type === 'multipicklist';
}

/** Whether a field's values are numbers. */
export function isNumberType(type: FieldType): boolean {
  return type === 'int' || type === 'double' || type === 'currency' || type === 'percent';
}
