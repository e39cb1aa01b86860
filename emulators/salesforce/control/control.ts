/**
 * The emulator's control surface (not a Salesforce API): reset and seed orgs, read records, generate
 * bulk data cheaply, set the API allowance, token rotation and expiry, revoke and inspect tokens, count
 * token calls, inject faults. The HTTP control routes call exactly these methods.
 */
import type { Emulator } from '../emulator';
import type { FaultRuleInput } from '../faults';
import type { ApiAllowance } from '../model/api-meter';
import type { OrgKey } from '../model/org';
import { formatDatetime, type SfRecord, type Value } from '../model/values';
import { demoOrgSeed } from '../seed/demo';
import { parseOrgSeed } from '../seed/schema';

/** What a caller (test, app, HTTP control route) can do to a running emulator. */
export interface EmulatorControl {
  /** Back to the demo seed (or the start seeds): data, allowances, faults, jobs, counters. Tokens stay valid. */
  reset(): void;
  /** Replaces one org with a seed (validated; throws on a bad seed). */
  seed(org: OrgKey, seed: unknown): void;
  /** The records of an object, deleted ones included when asked. */
  records(org: OrgKey, object: string, opts?: { includeDeleted?: boolean }): SfRecord[];
  /** Adds `count` records fast (no validation), each filled from `values` plus type defaults. */
  generateRecords(org: OrgKey, object: string, count: number, values?: Record<string, Value>, opts?: { returnIds?: boolean }): { count: number; firstId: string | null; lastId: string | null; ids?: string[] };
  /** Deletes a custom field and its values (as in Setup); throws for an unknown or standard field. */
  deleteField(org: OrgKey, object: string, field: string): void;
  /** Reads or changes the daily API allowance (`used` replaces the rolling window's count). */
  apiUsage(org: OrgKey, change?: Partial<ApiAllowance>): ApiAllowance;
  setRefreshTokenRotation(on: boolean): void;
  /** Expires every access token (of one org, or all); returns how many. */
  expireAccessTokens(org?: OrgKey): number;
  /** Revokes one token (access or refresh), or every refresh token when `token` is omitted. */
  revokeTokens(token?: string): number;
  /** Whether the emulator knows a refresh token and whether it is revoked. */
  refreshTokenStatus(token: string): { known: boolean; revoked: boolean };
  /** Every refresh token issued, by org and user, without the token values (for browser tests). */
  refreshGrants(): Array<{ org: OrgKey; username: string; issuedAt: string; revoked: boolean }>;
  /** Calls to the token endpoints since start or the last reset. */
  tokenCalls(): number;
  addFault(rule: FaultRuleInput): number;
  clearFaults(id?: number): void;
  faults(): ReturnType<Emulator['faults']['list']>;
  info(): { baseUrl: string; orgs: Record<OrgKey, { loginUrl: string; instanceUrl: string; orgId: string; users: Array<{ id: string; username: string; modifyAllData: boolean }> }>; clientId: string; callbackUrls: string[]; rotateRefreshTokens: boolean };
}

function defaultFor(type: string, name: string, n: number): Value {
  switch (type) {
    case 'boolean': return false;
    case 'int': case 'double': case 'currency': case 'percent': return n;
    case 'email': return `record${n}@example.com`;
    case 'date': return '2025-01-01';
    case 'datetime': return '2025-01-01T00:00:00.000+0000';
    default: return `${name} ${n}`;
  }
}

/** The control object of one emulator. */
export function createControl(em: Emulator, startSeeds: () => void): EmulatorControl {
  const org = (key: OrgKey) => {
    const o = em.orgs[key];
    if (!o) throw new Error(`Unknown org ${String(key)}; use sandbox or production`);
    return o;
  };
  const object = (key: OrgKey, name: string) => {
    const s = org(key).object(name);
    if (!s) throw new Error(`Unknown object ${name} in ${key}`);
    return s;
  };
  return {
    reset() {
      startSeeds();
      em.faults.clear();
      em.bulk.ingest.clear();
      em.bulk.query.clear();
      em.tokens.tokenCalls = 0;
      em.onChange();
    },
    seed(key, seed) {
      org(key);
      em.loadOrg(key, parseOrgSeed(seed ?? demoOrgSeed(key)));
      em.onChange();
    },
    records(key, name, opts = {}) {
      return [...object(key, name).records.values()].filter((r) => opts.includeDeleted || r.IsDeleted !== true).map((r) => ({ ...r }));
    },
    generateRecords(key, name, count, values = {}, opts = {}) {
      const store = object(key, name);
      const o = org(key);
      const stamp = formatDatetime(em.now());
      const owner = o.users[0].id;
      const fixed: SfRecord = { IsDeleted: false, CreatedDate: stamp, CreatedById: owner, LastModifiedDate: stamp, LastModifiedById: owner, SystemModstamp: stamp };
      // Checkboxes are never null in Salesforce (IsConverted = false must match generated Leads).
      for (const f of store.fields) if (f.type === 'boolean' && !f.calculated && f.name !== 'IsDeleted') fixed[f.name] = f.defaultValue === true;
      for (const [k, v] of Object.entries(values)) fixed[store.field(k, true)?.name ?? k] = v;
      if (store.field('OwnerId') && fixed.OwnerId === undefined) fixed.OwnerId = owner;
      const generated = store.fields.filter((f) => (f.required || f.idLookup || f.externalId || f.unique) && f.createable && fixed[f.name] === undefined && f.type !== 'id');
      const picklistDefault = (name: string) => store.field(name)?.picklist.find((p) => p.default)?.value ?? store.field(name)?.picklist[0]?.value;
      let firstId: string | null = null;
      let lastId: string | null = null;
      const ids: string[] = [];
      // Numbering continues after existing rows so generated keys stay distinct across calls.
      const base = store.records.size;
      for (let i = 0; i < count; i++) {
        const id = store.nextId();
        const rec: SfRecord = { Id: id, ...fixed };
        for (const f of generated) rec[f.name] = f.type === 'picklist' ? picklistDefault(f.name) ?? null : defaultFor(f.type, f.name.replace(/__c$/, ''), base + i + 1);
        store.put(id, rec);
        firstId ??= id;
        lastId = id;
        if (opts.returnIds) ids.push(id);
      }
      em.onChange();
      return { count, firstId, lastId, ...(opts.returnIds ? { ids } : {}) };
    },
    deleteField(key, name, field) {
      if (!object(key, name).removeField(field)) throw new Error(`No custom field ${field} on ${name}; only custom fields can be deleted`);
      em.onChange();
    },
    apiUsage(key, change) {
      const api = org(key).api;
      if (change?.max !== undefined) api.max = change.max;
      if (change?.used !== undefined) api.setUsed(change.used, em.now());
      if (change) em.onChange();
      return api.snapshot(em.now());
    },
    setRefreshTokenRotation(on) {
      em.settings.app.rotateRefreshTokens = on;
      em.onChange();
    },
    expireAccessTokens(key) {
      const n = em.tokens.expireAccessTokens(em.now(), key);
      em.onChange();
      return n;
    },
    revokeTokens(token) {
      let n = 0;
      if (token) n = em.tokens.revoke(token) ? 1 : 0;
      else for (const t of em.tokens.refresh.keys()) if (em.tokens.revokeRefresh(t)) n++;
      em.onChange();
      return n;
    },
    refreshGrants() {
      return [...em.tokens.refresh.values()].map((g) => ({
        org: g.orgKey,
        username: em.orgs[g.orgKey].users.find((u) => u.id === g.userId)?.username ?? g.userId,
        issuedAt: new Date(g.issuedAt).toISOString(),
        revoked: g.revoked,
      }));
    },
    refreshTokenStatus(token) {
      const grant = em.tokens.refresh.get(token);
      return { known: Boolean(grant), revoked: Boolean(grant?.revoked) };
    },
    tokenCalls: () => em.tokens.tokenCalls,
    addFault: (rule) => em.faults.add(rule),
    clearFaults: (id) => em.faults.clear(id),
    faults: () => em.faults.list(),
    info() {
      const describe = (key: OrgKey) => ({
        loginUrl: em.loginUrl(key), instanceUrl: em.instanceUrl(key), orgId: em.orgs[key].orgId,
        users: em.orgs[key].users.map((u) => ({ id: u.id, username: u.username, modifyAllData: u.modifyAllData })),
      });
      return {
        baseUrl: em.baseUrl, orgs: { sandbox: describe('sandbox'), production: describe('production') },
        clientId: em.settings.app.clientId, callbackUrls: em.settings.app.callbackUrls, rotateRefreshTokens: em.settings.app.rotateRefreshTokens,
      };
    },
  };
}
