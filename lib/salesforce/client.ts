/**
 * The small surface the sync engine and the wizard need from a Salesforce org. The jsforce implementation
 * lives in lib/salesforce/jsforce-client.ts; tests drive it against emulators/salesforce over HTTP, so every
 * failure the engine handles is reachable through the emulator rather than a mock.
 */

/** One object of describeGlobal. */
export interface SObjectSummary {
  name: string;
  label: string;
  custom: boolean;
  updateable: boolean;
  queryable: boolean;
}

/** Field types Salesforce reports in describe. */
export type SalesforceFieldType =
  | 'id' | 'string' | 'email' | 'phone' | 'url' | 'textarea' | 'boolean' | 'int' | 'double' | 'currency'
  | 'percent' | 'date' | 'datetime' | 'picklist' | 'multipicklist' | 'reference' | (string & {});

/** One field of an object's describe, with what the engine needs to convert and validate a value locally. */
export interface SalesforceField {
  name: string;
  label: string;
  type: SalesforceFieldType;
  length: number;
  precision: number;
  scale: number;
  nillable: boolean;
  updateable: boolean;
  createable: boolean;
  custom: boolean;
  externalId: boolean;
  idLookup: boolean;
  filterable: boolean;
  caseSensitive: boolean;
  /** Active values only. */
  picklistValues: string[];
  /** True when Salesforce refuses values outside `picklistValues`. */
  restrictedPicklist: boolean;
}

/** An object's describe. */
export interface SObjectDescribe {
  name: string;
  label: string;
  updateable: boolean;
  queryable: boolean;
  fields: SalesforceField[];
}

/** A record as a query returns it: `Id` plus the selected fields. */
export type SalesforceRecord = { Id: string } & Record<string, unknown>;

/** One row to write: the record id and the field values to set (null clears a field). */
export type RecordUpdate = { Id: string } & Record<string, string | number | boolean | null>;

/** The outcome of one record in a write, in input order. */
export interface WriteResult {
  id: string;
  success: boolean;
  errors: Array<{ code: string; message: string; fields: string[] }>;
}

/** API calls used and allowed in the org's rolling 24 hours, from `Sforce-Limit-Info`. */
export interface ApiUsage {
  used: number;
  max: number;
}

/** A custom field to create through the Tooling API. */
export interface NewCustomField {
  objectName: string;
  /** API name without the `__c` suffix. */
  name: string;
  label: string;
  type: 'Text' | 'Number' | 'Percent' | 'Checkbox' | 'Date' | 'DateTime' | 'Email';
  length?: number;
  precision?: number;
  scale?: number;
}

/** What the engine and wizard call on a connected org. Every method retries transient failures itself. */
export interface SalesforceClient {
  describeGlobal(): Promise<SObjectSummary[]>;
  describe(objectName: string): Promise<SObjectDescribe>;
  /** A SOQL query through REST, one page (up to 2,000 records) at a time. */
  query(soql: string): AsyncIterable<SalesforceRecord[]>;
  /** A SOQL query through one Bulk API 2.0 query job, its result pages read one locator at a time. */
  bulkQuery(soql: string): AsyncIterable<SalesforceRecord[]>;
  /** sObject Collections update (at most 200 records, allOrNone false), results in input order. */
  updateCollection(objectName: string, records: RecordUpdate[]): Promise<WriteResult[]>;
  /** One Bulk API 2.0 update job; results keyed by record id. */
  bulkUpdate(objectName: string, records: RecordUpdate[]): Promise<WriteResult[]>;
  createCustomField(field: NewCustomField): Promise<{ fullName: string }>;
  /** API usage as of the last answer that carried `Sforce-Limit-Info`; undefined before any call. */
  apiUsage(): ApiUsage | undefined;
  /** Calls this client has made (each HTTP request to the org, retries included). */
  callCount(): number;
}
