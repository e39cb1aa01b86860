/**
 * An org: its identity, users, objects and records, and the per-org counters Salesforce keeps (daily API
 * allowance, query cursors, Bulk jobs). Built from a validated seed and serializable back into one.
 */
import { makeId } from '../ids';
import { ApiMeter } from './api-meter';
import type { OrgSeed, SeedField, SeedObject } from '../seed/schema';
import type { FieldDef } from './fields';
import { SObjectStore } from './sobject';
import { coerceValue, formatDatetime, type SfRecord, type Value } from './values';

/** The two orgs every emulator serves. */
export type OrgKey = 'sandbox' | 'production';

/** A user who can log in; `modifyAllData` drives UserPermissionAccess and Tooling API access. */
export interface OrgUser {
  id: string;
  username: string;
  password: string;
  firstName: string;
  lastName: string;
  email: string;
  modifyAllData: boolean;
}


/** Objects the platform provides whose rows are derived, not stored; DML on them is refused. */
export const READ_ONLY_OBJECTS = new Set(['user', 'userpermissionaccess', 'organization']);

/** One org with its data. */
export class Org {
  readonly orgId: string;
  readonly name: string;
  readonly isSandbox: boolean;
  readonly pod: string;
  readonly users: OrgUser[];
  readonly objects = new Map<string, SObjectStore>();
  readonly api: ApiMeter;
  private miscCounter = 0;

  constructor(readonly key: OrgKey, seed: OrgSeed, now: number) {
    this.pod = seed.pod;
    this.orgId = seed.orgId ?? makeId('00D', seed.pod, key === 'sandbox' ? 0x5a17 : 0x9d0c);
    this.name = seed.name;
    this.isSandbox = seed.isSandbox;
    this.api = new ApiMeter(seed.dailyApiRequests);
    this.users = seed.users.map((u, i) => ({ ...u, id: u.id ?? makeId('005', seed.pod, 1000 + i) }));
    this.addPlatformObjects();
    for (const o of seed.objects) this.addObject(o);
    for (const o of seed.objects) this.loadRecords(this.object(o.name)!, o.records, now);
  }

  /** An object by case-insensitive API name. */
  object(name: string): SObjectStore | undefined {
    return this.objects.get(name.toLowerCase());
  }

  /** The object whose ids start with `prefix`. */
  objectByPrefix(prefix: string): SObjectStore | undefined {
    for (const o of this.objects.values()) if (o.keyPrefix === prefix) return o;
    return undefined;
  }

  user(id: string): OrgUser | undefined {
    return this.users.find((u) => u.id === id);
  }

  /** A new id with an arbitrary key prefix (custom fields 00N, jobs 750, cursors 01g, ...). */
  miscId(prefix: string): string {
    return makeId(prefix, this.pod, ++this.miscCounter + 7_000_000);
  }

  /** Adds an object from a seed definition (records not loaded). */
  addObject(o: Pick<SeedObject, 'name' | 'label' | 'labelPlural' | 'keyPrefix' | 'custom' | 'fields'>): SObjectStore {
    const store = new SObjectStore(o, this.pod);
    this.objects.set(o.name.toLowerCase(), store);
    return store;
  }

  /** Loads seed rows as-is (trusted, not validated like DML), filling system fields. */
  loadRecords(store: SObjectStore, rows: Record<string, Value>[], now: number): void {
    const stamp = formatDatetime(now);
    const owner = this.users[0].id;
    for (const row of rows) {
      const rec: SfRecord = {};
      for (const [k, v] of Object.entries(row)) {
        const f = store.field(k, true);
        if (!f) throw new Error(`Seed record of ${store.name} has unknown field ${k}`);
        rec[f.name] = coerceValue(f, v, false);
      }
      const id = typeof rec.Id === 'string' ? rec.Id : store.nextId();
      rec.Id = id;
      rec.IsDeleted ??= false;
      rec.CreatedDate ??= stamp;
      rec.CreatedById ??= owner;
      rec.LastModifiedDate ??= rec.CreatedDate;
      rec.LastModifiedById ??= owner;
      rec.SystemModstamp ??= rec.LastModifiedDate;
      for (const f of store.fields) {
        if (f.type === 'boolean' && rec[f.name] == null) rec[f.name] = false;
        if (f.name === 'OwnerId' && rec.OwnerId == null) rec.OwnerId = owner;
        if (f.autoNumber && rec[f.name] == null) rec[f.name] = store.nextAutoNumber(f);
      }
      applyFormulas(store, rec);
      store.put(id, rec);
    }
  }

  /** This org as a seed again (for the state file), including deleted records and hidden fields. */
  toSeed(): OrgSeed {
    const objects: SeedObject[] = [];
    for (const o of this.objects.values()) {
      if (READ_ONLY_OBJECTS.has(o.name.toLowerCase())) continue;
      objects.push({
        name: o.name, label: o.label, labelPlural: o.labelPlural, keyPrefix: o.keyPrefix, custom: o.custom,
        fields: o.fields.filter((f) => !isSystemField(f.name)).map(fieldToSeed),
        records: [...o.records.values()],
      });
    }
    return {
      orgId: this.orgId, name: this.name, isSandbox: this.isSandbox, pod: this.pod, dailyApiRequests: this.api.max,
      users: this.users.map((u) => ({ ...u })), objects,
    };
  }

  private addPlatformObjects(): void {
    const user = this.addObject({
      name: 'User', keyPrefix: '005', fields: [
        { name: 'Username', type: 'string', length: 80, createable: false, updateable: false },
        { name: 'FirstName', type: 'string', length: 40, createable: false, updateable: false },
        { name: 'LastName', type: 'string', length: 80, createable: false, updateable: false },
        { name: 'Name', type: 'string', length: 121, calculated: true, formula: '{FirstName} {LastName}' },
        { name: 'Email', type: 'email', createable: false, updateable: false },
        { name: 'IsActive', type: 'boolean', createable: false, updateable: false },
      ],
    });
    this.loadRecords(user, this.users.map((u) => ({
      Id: u.id, Username: u.username, FirstName: u.firstName, LastName: u.lastName, Email: u.email, IsActive: true,
    })), Date.UTC(2024, 0, 1));
    this.addObject({
      name: 'UserPermissionAccess', label: 'User Permission Access', labelPlural: 'User Permission Access', keyPrefix: '0XA',
      fields: [{ name: 'PermissionsModifyAllData', label: 'Modify All Data', type: 'boolean', createable: false, updateable: false }],
    });
    // The org itself, as `SELECT Name FROM Organization` reads it (one row).
    const organization = this.addObject({
      name: 'Organization', keyPrefix: '00D', fields: [
        { name: 'Name', type: 'string', length: 80, createable: false, updateable: false },
        { name: 'IsSandbox', type: 'boolean', createable: false, updateable: false },
        { name: 'OrganizationType', type: 'string', length: 40, createable: false, updateable: false },
      ],
    });
    this.loadRecords(organization, [
      { Id: this.orgId, Name: this.name, IsSandbox: this.isSandbox, OrganizationType: 'Enterprise Edition' },
    ], Date.UTC(2024, 0, 1));
    // Profiles' permission sets and field permissions, so FLS can be granted through plain REST as in Salesforce.
    const permissionSets = this.addObject({
      name: 'PermissionSet', label: 'Permission Set', keyPrefix: '0PS', fields: [
        { name: 'Name', type: 'string', length: 80, required: true },
        { name: 'Label', type: 'string', length: 80, required: true },
        { name: 'IsOwnedByProfile', label: 'Is Owned By Profile', type: 'boolean' },
        { name: 'PermissionsModifyAllData', label: 'Modify All Data', type: 'boolean' },
      ],
    });
    this.loadRecords(permissionSets, [
      { Name: 'X00e_System_Administrator', Label: 'System Administrator', IsOwnedByProfile: true, PermissionsModifyAllData: true },
      { Name: 'X00e_Standard_User', Label: 'Standard User', IsOwnedByProfile: true, PermissionsModifyAllData: false },
    ], Date.UTC(2024, 0, 1));
    this.addObject({
      name: 'FieldPermissions', label: 'Field Permissions', labelPlural: 'Field Permissions', keyPrefix: '01k', fields: [
        { name: 'ParentId', label: 'Parent ID', type: 'reference', referenceTo: ['PermissionSet'], required: true },
        { name: 'SobjectType', label: 'Object Type', type: 'string', length: 80, required: true },
        { name: 'Field', label: 'Field Name', type: 'string', length: 120, required: true },
        { name: 'PermissionsRead', label: 'Read Access', type: 'boolean' },
        { name: 'PermissionsEdit', label: 'Edit Access', type: 'boolean' },
      ],
    });
  }
}

const SYSTEM = new Set(['Id', 'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp']);

/** Whether a field is one of the audit fields every object has. */
export function isSystemField(name: string): boolean {
  return SYSTEM.has(name);
}

/** Recomputes calculated fields from their template formulas. */
export function applyFormulas(store: SObjectStore, rec: SfRecord): void {
  for (const { field, parts } of store.formulas()) {
    // parts alternate literal text and field names: [lit, name, lit, name, ..., lit]
    let text = '';
    for (let i = 0; i < parts.length; i++) {
      if (i % 2 === 0) { text += parts[i]; continue; }
      const v = rec[parts[i]];
      if (v !== null && v !== undefined) text += String(v);
    }
    text = text.trim().replace(/\s+/g, ' ');
    rec[field] = text === '' ? null : text;
  }
}

function fieldToSeed(f: FieldDef): SeedField {
  return {
    name: f.name, label: f.label, type: f.type, length: f.length || undefined,
    precision: f.precision || undefined, scale: f.precision ? f.scale : undefined,
    picklistValues: f.picklist.length ? f.picklist.map((p) => ({ value: p.value, label: p.label, default: p.default, active: p.active })) : undefined,
    restricted: f.restricted, required: f.required, externalId: f.externalId, idLookup: f.idLookup, unique: f.unique,
    caseSensitive: f.caseSensitive, autoNumber: f.autoNumber, displayFormat: f.displayFormat ?? undefined,
    calculated: f.calculated, formula: f.formula ?? undefined, referenceTo: f.referenceTo,
    relationshipName: f.relationshipName ?? undefined, createable: f.createable, updateable: f.updateable,
    defaultValue: f.defaultValue ?? undefined, visible: f.visible,
  };
}
