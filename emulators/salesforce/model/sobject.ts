/**
 * One object's schema and records. Records live in a Map by 18-char id; fields usable as upsert keys
 * (external ids, id lookups, unique fields) are indexed so lookups stay O(1) at a million rows.
 */
import { makeId } from '../ids';
import type { SeedObject } from '../seed/schema';
import { type FieldDef, resolveField, systemFields } from './fields';
import type { SfRecord, Value } from './values';

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
  private readonly indexes = new Map<string, Map<string, string[]>>();
  private readonly autoNumbers = new Map<string, number>();
  private counter = 0;

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
    this.byLower.set(def.name.toLowerCase(), def);
    if ((def.externalId || def.idLookup || def.unique) && def.type !== 'id') {
      const index = new Map<string, string[]>();
      this.indexes.set(def.name, index);
      for (const [id, rec] of this.records) this.indexAdd(index, def, rec[def.name] ?? null, id);
    }
    if (def.autoNumber) this.autoNumbers.set(def.name, 0);
  }

  /** A field by case-insensitive name; hidden (not yet granted) fields only when asked for. */
  field(name: string, includeHidden = false): FieldDef | undefined {
    const f = this.byLower.get(name.toLowerCase());
    return f && (f.visible || includeHidden) ? f : undefined;
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
    return index.get(this.indexKey(field, value)) ?? [];
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

  private indexAdd(index: Map<string, string[]>, def: FieldDef, value: Value, id: string): void {
    if (value === null) return;
    const key = this.indexKey(def, value);
    const ids = index.get(key);
    if (ids) ids.push(id); else index.set(key, [id]);
  }

  private indexRemove(index: Map<string, string[]>, def: FieldDef, value: Value, id: string): void {
    if (value === null) return;
    const key = this.indexKey(def, value);
    const ids = index.get(key);
    if (!ids) return;
    const rest = ids.filter((x) => x !== id);
    if (rest.length) index.set(key, rest); else index.delete(key);
  }
}
