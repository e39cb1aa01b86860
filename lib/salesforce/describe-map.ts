/** Maps Salesforce's describe answers to the small shapes of lib/salesforce/client.ts. */
import type { SalesforceField, SObjectDescribe, SObjectSummary } from './client';

/** A field of `GET /sobjects/{T}/describe`, as far as DIC reads it. */
export interface RawDescribeField {
  name: string; label: string; type: string; length?: number; precision?: number; scale?: number; digits?: number;
  nillable?: boolean; updateable?: boolean; createable?: boolean; custom?: boolean; externalId?: boolean; idLookup?: boolean;
  filterable?: boolean; caseSensitive?: boolean; restrictedPicklist?: boolean;
  picklistValues?: Array<{ value: string; active?: boolean }>;
}

/** An object of describeGlobal or describe. */
export interface RawDescribeObject {
  name: string; label: string; custom?: boolean; updateable?: boolean; queryable?: boolean; fields?: RawDescribeField[];
}

export function toSObjectSummary(o: RawDescribeObject): SObjectSummary {
  return { name: o.name, label: o.label, custom: o.custom ?? false, updateable: o.updateable ?? false, queryable: o.queryable ?? false };
}

export function toSalesforceField(f: RawDescribeField): SalesforceField {
  return {
    name: f.name, label: f.label, type: f.type,
    length: f.length ?? 0,
    // Integers carry their digits in `digits`; precision is 0 for them in describe.
    precision: f.type === 'int' ? (f.digits ?? f.precision ?? 0) : (f.precision ?? 0),
    scale: f.scale ?? 0,
    nillable: f.nillable ?? false, updateable: f.updateable ?? false, createable: f.createable ?? false, custom: f.custom ?? false,
    externalId: f.externalId ?? false, idLookup: f.idLookup ?? false, filterable: f.filterable ?? false, caseSensitive: f.caseSensitive ?? false,
    picklistValues: (f.picklistValues ?? []).filter((p) => p.active !== false).map((p) => p.value),
    restrictedPicklist: f.restrictedPicklist ?? false,
  };
}

export function toSObjectDescribe(o: RawDescribeObject): SObjectDescribe {
  return { name: o.name, label: o.label, updateable: o.updateable ?? false, queryable: o.queryable ?? false, fields: (o.fields ?? []).map(toSalesforceField) };
}
