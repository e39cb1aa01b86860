/**
 * The emulator's whole state: both orgs, the connected app, issued credentials, injected faults, query
 * cursors and Bulk jobs. HTTP handlers and the in-process control object both work on one instance.
 */
import type { BulkJobs } from './bulk/jobs';
import { TokenStore } from './auth/tokens';
import { Faults } from './faults';
import { Org, type OrgKey } from './model/org';
import type { QueryCursor } from './soql/cursor';
import { demoOrgSeed } from './seed/demo';
import type { OrgSeed } from './seed/schema';

/** The connected app the product's OAuth client uses. */
export interface ConnectedApp {
  clientId: string;
  clientSecret: string;
  callbackUrls: string[];
  /** When true, each refresh answers a new refresh token and the old one dies. */
  rotateRefreshTokens: boolean;
}

/** Settings fixed at start. */
export interface EmulatorSettings {
  app: ConnectedApp;
  accessTokenTtlMs: number;
  codeTtlMs: number;
  now: () => number;
  /** Rows per page of REST query results (Salesforce: 2,000). */
  queryPageSize: number;
  /** Rows per page of Bulk query results when the client gives no maxRecords. */
  bulkQueryPageSize: number;
  /** Delay before a closed Bulk job starts, so clients observe UploadComplete/InProgress. */
  bulkStartDelayMs: number;
  seeds: Partial<Record<OrgKey, OrgSeed>>;
}


/** The state of one running emulator. */
export class Emulator {
  baseUrl = 'http://127.0.0.1:0';
  orgs!: Record<OrgKey, Org>;
  readonly tokens = new TokenStore();
  readonly faults = new Faults();
  readonly cursors = new Map<string, QueryCursor>();
  bulk!: BulkJobs;
  /** Called after every state change (debounced persistence hooks in here). */
  onChange: () => void = () => {};

  constructor(readonly settings: EmulatorSettings) {
    this.loadOrgs(settings.seeds);
  }

  now(): number {
    return this.settings.now();
  }

  /** Rebuilds both orgs from the given seeds (demo seed where none is given). */
  loadOrgs(seeds: Partial<Record<OrgKey, OrgSeed>>): void {
    const now = this.now();
    this.orgs = {
      sandbox: new Org('sandbox', seeds.sandbox ?? demoOrgSeed('sandbox'), now),
      production: new Org('production', seeds.production ?? demoOrgSeed('production'), now),
    };
    this.cursors.clear();
  }

  /** Replaces one org with a new seed. */
  loadOrg(key: OrgKey, seed: OrgSeed): void {
    this.orgs[key] = new Org(key, seed, this.now());
  }

  loginUrl(key: OrgKey): string {
    return `${this.baseUrl}/${key}/login`;
  }

  instanceUrl(key: OrgKey): string {
    return `${this.baseUrl}/${key}/instance`;
  }

  /** The identity URL jsforce parses: `{loginUrl}/id/{orgId}/{userId}`. */
  idUrl(key: OrgKey, userId: string): string {
    return `${this.loginUrl(key)}/id/${this.orgs[key].orgId}/${userId}`;
  }
}
