/**
 * describeGlobal, describe and the object info resource, shaped like Salesforce's answers. Fields not
 * yet granted by field-level security are left out, as they are for the connected user in Salesforce.
 */
import type { FieldDef } from '../model/fields';
import { soapType } from '../model/fields';
import { READ_ONLY_OBJECTS } from '../model/org';
import type { SObjectStore } from '../model/sobject';
import type { RestContext } from './context';

function objectUrls(version: string, name: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

/** The summary describeGlobal lists for each object. */
export function objectSummary(o: SObjectStore, version: string): Record<string, unknown> {
  const writable = !READ_ONLY_OBJECTS.has(o.name.toLowerCase());
  return {
    activateable: false, createable: writable, custom: o.custom, customSetting: false, deletable: writable,
    deprecatedAndHidden: false, feedEnabled: false, hasSubtypes: false, isSubtype: false, keyPrefix: o.keyPrefix,
    label: o.label, labelPlural: o.labelPlural, layoutable: true, mergeable: o.name === 'Lead' || o.name === 'Contact' || o.name === 'Account',
    mruEnabled: true, name: o.name, queryable: true, replicateable: true, retrieveable: true, searchable: true,
    triggerable: true, undeletable: writable, updateable: writable, urls: objectUrls(version, o.name),
  };
}

function describeField(f: FieldDef): Record<string, unknown> {
  const numeric = f.type === 'double' || f.type === 'currency' || f.type === 'percent' || f.type === 'int';
  return {
    aggregatable: f.type !== 'textarea', autoNumber: f.autoNumber, byteLength: f.length * 3, calculated: f.calculated,
    calculatedFormula: f.formula, caseSensitive: f.caseSensitive, createable: f.createable, custom: f.custom,
    defaultValue: f.defaultValue, defaultedOnCreate: f.type === 'boolean' || f.type === 'id' || f.name === 'OwnerId' || f.autoNumber,
    dependentPicklist: false, digits: f.type === 'int' ? f.precision : 0, externalId: f.externalId,
    filterable: f.type !== 'textarea', groupable: f.type !== 'textarea' && !numeric, htmlFormatted: false,
    idLookup: f.idLookup, inlineHelpText: null, label: f.label,
    length: numeric || f.type === 'boolean' || f.type === 'date' || f.type === 'datetime' ? 0 : f.length,
    name: f.name, nameField: f.name === 'Name', namePointing: false, nillable: f.nillable,
    permissionable: f.custom || (!f.required && f.createable), picklistValues: f.picklist.map((p) => ({
      active: p.active, defaultValue: p.default, label: p.label, validFor: null, value: p.value,
    })),
    precision: f.type === 'int' ? 0 : f.precision, referenceTo: f.referenceTo, relationshipName: f.relationshipName,
    restrictedPicklist: f.restricted, scale: f.scale, soapType: soapType(f.type), sortable: f.type !== 'textarea',
    type: f.type, unique: f.unique, updateable: f.updateable,
  };
}

/** GET /sobjects */
export function describeGlobal(ctx: RestContext): Record<string, unknown> {
  return {
    encoding: 'UTF-8', maxBatchSize: 200,
    sobjects: [...ctx.org.objects.values()].map((o) => objectSummary(o, ctx.version)),
  };
}

/** GET /sobjects/{T}/describe */
export function describeObject(ctx: RestContext, o: SObjectStore): Record<string, unknown> {
  return {
    ...objectSummary(o, ctx.version),
    childRelationships: [], compactLayoutable: true, fields: o.visibleFields().map(describeField), listviewable: null,
    lookupLayoutable: null, namedLayoutInfos: [], networkScopeFieldName: null, recordTypeInfos: [], searchLayoutable: true,
    supportedScopes: [{ label: 'All', name: 'everything' }], actionOverrides: [],
  };
}
