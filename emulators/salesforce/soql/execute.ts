/**
 * Runs a parsed query against an org: binds names to fields (INVALID_FIELD / INVALID_TYPE like
 * Salesforce), checks literal types, filters with SOQL's rules (text compares case-insensitively, `!=`
 * matches nulls), sorts, and slices. Equality on Id or an indexed field uses the index, so key lookups
 * stay fast on large objects.
 */
import { normalizeId } from '../ids';
import { type FieldDef, isNumberType, isTextType } from '../model/fields';
import type { Org, OrgUser } from '../model/org';
import type { SObjectStore } from '../model/sobject';
import { formatDatetime, type SfRecord, type Value } from '../model/values';
import { type Condition, type Literal, located, type ParsedQuery, SoqlError } from './parse';

/** The rows a query selected, before paging. */
export interface QueryResult {
  store: SObjectStore;
  fields: FieldDef[];
  rows: SfRecord[];
  count: boolean;
  totalSize: number;
}

type Predicate = (rec: SfRecord) => boolean;
type Comparable = string | number | boolean | null;

function bindField(soql: string, store: SObjectStore, name: string, pos: number): FieldDef {
  const f = store.field(name);
  if (!f) {
    const msg = name.includes('.')
      ? `Didn't understand relationship '${name.split('.')[0]}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`
      : `No such column '${name}' on entity '${store.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`;
    throw new SoqlError('INVALID_FIELD', located(soql, pos, msg));
  }
  return f;
}

function dayStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/** [start, end) in epoch ms of a relative date literal such as LAST_N_DAYS:30 (org time zone: UTC). */
function literalRange(lit: Extract<Literal, { kind: 'dateLiteral' }>, now: number): [number, number] {
  const day = 86_400_000;
  const today = dayStart(now);
  const d = new Date(today);
  switch (lit.name) {
    case 'TODAY': return [today, today + day];
    case 'YESTERDAY': return [today - day, today];
    case 'TOMORROW': return [today + day, today + 2 * day];
    case 'LAST_N_DAYS': return [today - lit.n * day, today + day];
    case 'NEXT_N_DAYS': return [today + day, today + (lit.n + 1) * day];
    case 'THIS_MONTH': return [Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)];
    case 'LAST_MONTH': return [Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1), Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)];
    default: return [Date.UTC(d.getUTCFullYear(), 0, 1), Date.UTC(d.getUTCFullYear() + 1, 0, 1)];
  }
}

/** Converts a literal to the stored form of `f`, or throws the error Salesforce gives for the mismatch. */
function literalValue(soql: string, f: FieldDef, lit: Literal, pos: number): Comparable {
  const wrong = (): never => {
    const type = f.type === 'datetime' ? 'dateTime' : f.type;
    const quoted = lit.kind === 'string' ? 'should not be enclosed in quotes' : 'should be enclosed in quotes';
    throw new SoqlError('INVALID_FIELD', located(soql, pos, `value of filter criterion for field '${f.name}' must be of type ${type} and ${quoted}`));
  };
  if (lit.kind === 'null') return null;
  if (f.type === 'id' || f.type === 'reference') {
    if (lit.kind !== 'string') return wrong();
    const id = normalizeId(lit.value);
    if (!id) throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', located(soql, pos, `invalid ID field: ${lit.value}`));
    return id;
  }
  if (isTextType(f.type)) return lit.kind === 'string' ? lit.value.toLowerCase() : wrong();
  if (isNumberType(f.type)) return lit.kind === 'number' ? lit.value : wrong();
  if (f.type === 'boolean') return lit.kind === 'boolean' ? lit.value : wrong();
  if (f.type === 'date') return lit.kind === 'date' ? lit.value : wrong();
  if (f.type === 'datetime') return lit.kind === 'datetime' ? formatDatetime(lit.ms) : wrong();
  return wrong();
}

/** The stored value of a field in comparable form (text lower-cased). */
function comparable(f: FieldDef, rec: SfRecord): Comparable {
  const v = rec[f.name] ?? null;
  return typeof v === 'string' && isTextType(f.type) ? v.toLowerCase() : v;
}

function compare(a: Comparable, b: Comparable): number {
  return a! < b! ? -1 : a! > b! ? 1 : 0;
}

function compilePredicate(soql: string, store: SObjectStore, c: Condition, now: number): Predicate {
  switch (c.type) {
    case 'and': { const ps = c.items.map((i) => compilePredicate(soql, store, i, now)); return (r) => ps.every((p) => p(r)); }
    case 'or': { const ps = c.items.map((i) => compilePredicate(soql, store, i, now)); return (r) => ps.some((p) => p(r)); }
    case 'not': { const p = compilePredicate(soql, store, c.item, now); return (r) => !p(r); }
    case 'like': {
      const f = bindField(soql, store, c.field, c.pos);
      if (!isTextType(f.type)) throw new SoqlError('INVALID_FIELD', located(soql, c.pos, `invalid operator on ${f.type} field: LIKE`));
      const re = new RegExp(`^${c.pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`, 'is');
      return (r) => { const v = r[f.name]; return typeof v === 'string' && re.test(v); };
    }
    case 'in': {
      const f = bindField(soql, store, c.field, c.pos);
      const set = new Set(c.values.map((v) => literalValue(soql, f, v, c.pos)));
      return c.negated ? (r) => !set.has(comparable(f, r)) : (r) => set.has(comparable(f, r));
    }
    case 'compare': {
      const f = bindField(soql, store, c.field, c.pos);
      if (c.value.kind === 'dateLiteral' && (f.type === 'date' || f.type === 'datetime')) {
        const [s, e] = literalRange(c.value, now);
        const fmt = (ms: number) => (f.type === 'date' ? new Date(ms).toISOString().slice(0, 10) : formatDatetime(ms));
        const start = fmt(s); const end = fmt(e);
        const inRange = (v: Value) => typeof v === 'string' && v >= start && v < end;
        switch (c.op) {
          case '=': return (r) => inRange(r[f.name]);
          case '!=': return (r) => !inRange(r[f.name]);
          case '<': return (r) => { const v = r[f.name]; return typeof v === 'string' && v < start; };
          case '<=': return (r) => { const v = r[f.name]; return typeof v === 'string' && v < end; };
          case '>': return (r) => { const v = r[f.name]; return typeof v === 'string' && v >= end; };
          default: return (r) => { const v = r[f.name]; return typeof v === 'string' && v >= start; };
        }
      }
      const lit = literalValue(soql, f, c.value, c.pos);
      if (c.op === '=') return (r) => comparable(f, r) === lit;
      if (c.op === '!=') return (r) => comparable(f, r) !== lit;
      if (lit === null || f.type === 'boolean') {
        throw new SoqlError('INVALID_FIELD', located(soql, c.pos, `invalid operator on ${f.type} field: ${c.op}`));
      }
      const test = { '<': (n: number) => n < 0, '>': (n: number) => n > 0, '<=': (n: number) => n <= 0, '>=': (n: number) => n >= 0 }[c.op];
      return (r) => { const v = comparable(f, r); return v !== null && test(compare(v, lit)); };
    }
  }
}

/** Candidate ids from `Id = / IN` or an indexed-field equality among the top-level AND terms. */
function indexCandidates(soql: string, store: SObjectStore, where: Condition | null): string[] | null {
  if (!where) return null;
  const terms = where.type === 'and' ? where.items : [where];
  for (const t of terms) {
    if (t.type !== 'compare' && t.type !== 'in') continue;
    if (t.type === 'compare' && t.op !== '=') continue;
    if (t.type === 'in' && t.negated) continue;
    const f = store.field(t.field);
    if (!f || (f.type !== 'id' && !store.isIndexed(f))) continue;
    const lits = t.type === 'compare' ? [t.value] : t.values;
    const out = new Set<string>();
    for (const lit of lits) {
      const v = literalValue(soql, f, lit, t.pos);
      if (v === null) return null;
      if (f.type === 'id') { if (store.records.has(String(v))) out.add(String(v)); } else for (const id of store.lookup(f, v)) out.add(id);
    }
    return [...out];
  }
  return null;
}

/** Runs a query for a user over an org's objects (or any object lookup, e.g. Tooling's). `includeDeleted` is queryAll. */
export function executeQuery(soql: string, q: ParsedQuery, org: Pick<Org, 'object'>, user: OrgUser, includeDeleted: boolean, now: number): QueryResult {
  const store = org.object(q.object);
  if (!store) {
    throw new SoqlError('INVALID_TYPE', located(soql, q.objectPos, `sObject type '${q.object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`));
  }
  const fields: FieldDef[] = [];
  for (const f of q.fields) {
    const def = bindField(soql, store, f.name, f.pos);
    if (fields.includes(def)) throw new SoqlError('MALFORMED_QUERY', located(soql, f.pos, `duplicate field selected: ${def.name}`));
    fields.push(def);
  }
  const predicate = q.where ? compilePredicate(soql, store, q.where, now) : () => true;
  const order = q.orderBy.map((o) => ({ ...o, def: bindField(soql, store, o.field, o.pos) }));
  if (q.offset !== null && q.offset > 2000) throw new SoqlError('NUMBER_OUTSIDE_VALID_RANGE', 'Maximum SOQL offset allowed is 2000');
  let source: Iterable<SfRecord>;
  if (store.name === 'UserPermissionAccess') {
    source = [{ Id: null, IsDeleted: false, PermissionsModifyAllData: user.modifyAllData }];
  } else {
    const ids = indexCandidates(soql, store, q.where);
    source = ids ? ids.map((id) => store.records.get(id)!) : store.records.values();
  }
  let rows: SfRecord[] = [];
  for (const rec of source) if ((includeDeleted || rec.IsDeleted !== true) && predicate(rec)) rows.push(rec);
  if (order.length) {
    rows.sort((a, b) => {
      for (const o of order) {
        const va = comparable(o.def, a); const vb = comparable(o.def, b);
        if (va === vb) continue;
        if (va === null) return o.nullsLast ? 1 : -1;
        if (vb === null) return o.nullsLast ? -1 : 1;
        const c = compare(va, vb);
        return o.desc ? -c : c;
      }
      return 0;
    });
  }
  const start = q.offset ?? 0;
  if (start || q.limit !== null) rows = rows.slice(start, q.limit === null ? undefined : start + q.limit);
  return { store, fields, rows: q.count ? [] : rows, count: q.count, totalSize: rows.length };
}
