/**
 * One object's schema and records. Records live in a Map by 18-char id; fields usable as upsert keys
 * (external ids, id lookups, unique fields) are indexed so lookups stay O(1) at a million rows.
 */
import { makeId } from '../ids';
import type { SeedObject } from '../seed/schema';
import { type FieldDef, resolveField, systemFields } from './fields';
import type { SfRecord, Value } from './values';

/** Ids under one key value: a single id (the common case, no array) or several. */
type KeyEntry = string | string[];

/** An object of the org: its schema and its records. */
export class SObjectStore {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  readonly keyPrefix: string;
  readonly custom: boolean;
  readonly fields: FieldDef[] = [];
  readonly records = new Map<string, SfRecord>();
  private readonly byLower = new Map<string, FieldDef>();
  private readonly indexes = new Map<string, Map<string, KeyEntry>>();
  private readonly autoNumbers = new Map<string, number>();
  private counter = 0;
  private required: FieldDef[] | null = null;
  private uniques: FieldDef[] | null = null;
  private formulaCache: Array<{ field: string; parts: string[] }> | null = null;

  constructor(seed: Pick<SeedObject, 'name' | 'label' | 'labelPlural' | 'keyPrefix' | 'custom' | 'fields'>, private readonly pod: string) {
    this.name = seed.name;
    this.label = seed.label ?? seed.name.replace(/__c$/, '').replace(/_/g, ' ');
    this.labelPlural = seed.labelPlural ?? `${this.label}s`;
    this.keyPrefix = seed.keyPrefix;
    this.custom = seed.custom ?? seed.name.endsWith('__c');
    const declared = new Set(seed.fields.map((f) => f.name.toLowerCase()));
    for (const f of systemFields()) if (!declared.has(f.name.toLowerCase())) this.addField(resolveField(f));
    for (const f of seed.fields) this.addField(resolveField(f));
  }

  /** Adds a field (seed or Tooling API); indexes it when it can serve as an upsert key. */
  addField(def: FieldDef): void {
    this.fields.push(def);
    this.required = null;
    this.uniques = null;
    this.formulaCache = null;
    this.byLower.set(def.name.toLowerCase(), def);
    if ((def.externalId || def.idLookup || def.unique) && def.type !== 'id') {
      const index = new Map<string, KeyEntry>();
      this.indexes.set(def.name, index);
      for (const [id, rec] of this.records) this.indexAdd(index, def, rec[def.name] ?? null, id);
    }
    if (def.autoNumber) this.autoNumbers.set(def.name, 0);
  }

  /** Deletes a custom field with its values, as Setup's "Delete" does; false when there is no such custom field. */
  removeField(name: string): boolean {
    const def = this.byLower.get(name.toLowerCase());
    if (!def || !def.custom) return false;
    this.fields.splice(this.fields.indexOf(def), 1);
    this.byLower.delete(def.name.toLowerCase());
    this.indexes.delete(def.name);
    this.autoNumbers.delete(def.name);
    this.required = null;
    this.uniques = null;
    this.formulaCache = null;
    for (const rec of this.records.values()) delete rec[def.name];
    return true;
  }

  /** A field by case-insensitive name; hidden (not yet granted) fields only when asked for. */
  field(name: string, includeHidden = false): FieldDef | undefined {
    const f = this.byLower.get(name.toLowerCase());
    return f && (f.visible || includeHidden) ? f : undefined;
  }

  /** Required fields (checked on every save when createable). */
  requiredFields(): FieldDef[] {
    return (this.required ??= this.fields.filter((f) => f.required));
  }

  /** Fields with a uniqueness constraint. */
  uniqueFields(): FieldDef[] {
    return (this.uniques ??= this.fields.filter((f) => f.unique));
  }

  /** Calculated fields with their template split into literal/field-name parts (cached). */
  formulas(): Array<{ field: string; parts: string[] }> {
    return (this.formulaCache ??= this.fields.filter((f) => f.calculated && f.formula)
      .map((f) => ({ field: f.name, parts: f.formula!.split(/\{(\w+)\}/) })));
  }

  /** Fields the session can see (FLS-granted). */
  visibleFields(): FieldDef[] {
    return this.fields.filter((f) => f.visible);
  }

  /** A fresh id that no record of this object has. */
  nextId(): string {
    let id: string;
    do id = makeId(this.keyPrefix, this.pod, ++this.counter); while (this.records.has(id));
    return id;
  }

  /** The next auto-number value of a field, formatted by its display format. */
  nextAutoNumber(field: FieldDef): string {
    const n = (this.autoNumbers.get(field.name) ?? 0) + 1;
    this.autoNumbers.set(field.name, n);
    const format = field.displayFormat ?? '{0}';
    return format.replace(/\{(0+)\}/, (_m, zeros: string) => String(n).padStart(zeros.length, '0'));
  }

  /** Stores a record (new or replaced), keeping the key indexes right. */
  put(id: string, next: SfRecord): void {
    const prev = this.records.get(id);
    for (const [name, index] of this.indexes) {
      const def = this.byLower.get(name.toLowerCase())!;
      const before = prev ? prev[name] ?? null : null;
      const after = next[name] ?? null;
      if (prev && before === after) continue;
      if (prev) this.indexRemove(index, def, before, id);
      this.indexAdd(index, def, after, id);
    }
    this.records.set(id, next);
  }

  /** Applies changes to a stored record in place, keeping the key indexes right. */
  patch(id: string, rec: SfRecord, changes: SfRecord): void {
    for (const [name, index] of this.indexes) {
      if (!(name in changes)) continue;
      const before = rec[name] ?? null;
      const after = changes[name] ?? null;
      if (before === after) continue;
      const def = this.byLower.get(name.toLowerCase())!;
      this.indexRemove(index, def, before, id);
      this.indexAdd(index, def, after, id);
    }
    Object.assign(rec, changes);
  }

  /** Removes a record entirely (undoing an insert); deletes through DML only set IsDeleted. */
  remove(id: string): void {
    const prev = this.records.get(id);
    if (!prev) return;
    for (const [name, index] of this.indexes) this.indexRemove(index, this.byLower.get(name.toLowerCase())!, prev[name] ?? null, id);
    this.records.delete(id);
  }

  /** Ids of records whose indexed field equals `value` (case-insensitively unless the field is case-sensitive). */
  lookup(field: FieldDef, value: Value): string[] {
    const index = this.indexes.get(field.name);
    if (!index || value === null) return [];
    const entry = index.get(this.indexKey(field, value));
    return entry === undefined ? [] : typeof entry === 'string' ? [entry] : entry;
  }

  /** Whether a field has a key index (so it may be used to upsert). */
  isIndexed(field: FieldDef): boolean {
    return this.indexes.has(field.name);
  }

  /** Drops every record (control API reset of one object). */
  clear(): void {
    this.records.clear();
    for (const index of this.indexes.values()) index.clear();
  }

  private indexKey(def: FieldDef, value: Value): string {
    const s = String(value);
    return def.caseSensitive ? s : s.toLowerCase();
  }

  private indexAdd(index: Map<string, KeyEntry>, def: FieldDef, value: Value, id: string): void {
    if (value === null) return;
    const key = this.indexKey(def, value);
    const entry = index.get(key);
    if (entry === undefined) index.set(key, id);
    else if (typeof entry === 'string') index.set(key, [entry, id]);
    else entry.push(id);
  }

  private indexRemove(index: Map<string, KeyEntry>, def: FieldDef, value: Value, id: string): void {
    if (value === null) return;
    const key = this.indexKey(def, value);
    const entry = index.get(key);
    if (entry === undefined) return;
    if (typeof entry === 'string') { if (entry === id) index.delete(key); return; }
    const rest = entry.filter((x) => x !== id);
    if (rest.length === 0) index.delete(key); else index.set(key, rest.length === 1 ? rest[0] : rest);
  }
}
