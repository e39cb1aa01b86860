/**
 * The Salesforce emulator: a stand-alone HTTP server that behaves like Salesforce (OAuth web server
 * flow, REST, Collections, Bulk API 2.0, Tooling) for two orgs, so the real jsforce client works
 * against it unchanged. Importing this module has no side effects; call startSalesforceEmulator().
 */
import { listenEmulator } from '../shared/listen';
import { BulkJobs } from './bulk/jobs';
import { createControl, type EmulatorControl } from './control/control';
import { Emulator } from './emulator';
import { requestListener } from './http/server';
import type { OrgKey } from './model/org';
import { loadState, persistTo } from './persist';
import { parseOrgSeed, type OrgSeedInput } from './seed/schema';

export type { EmulatorControl } from './control/control';
export type { FaultRuleInput } from './faults';
export type { OrgKey } from './model/org';
export type { OrgSeedInput } from './seed/schema';
export { demoOrgSeed, DEMO_USERS } from './seed/demo';

/** Demo connected app credentials, used when neither options nor environment give others. */
export const DEMO_CLIENT_ID = 'sf-emulator-demo-client-id';
/** Demo connected app secret. */
export const DEMO_CLIENT_SECRET = 'sf-emulator-demo-client-secret';
/** The app's OAuth callback allowed by default. */
export const DEFAULT_CALLBACK_URL = 'http://localhost:3000/api/salesforce/callback';

/** Options of startSalesforceEmulator; all optional. */
export interface SalesforceEmulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Connected app consumer key; default env SF_EMULATOR_CLIENT_ID, else DEMO_CLIENT_ID. */
  clientId?: string;
  /** Connected app consumer secret; default env SF_EMULATOR_CLIENT_SECRET, else DEMO_CLIENT_SECRET. */
  clientSecret?: string;
  /** Allowed OAuth callback URLs (exact match); default env SF_EMULATOR_CALLBACK_URLS (comma-separated), else DEFAULT_CALLBACK_URL. */
  callbackUrls?: string[];
  /** Refresh-token rotation at start; changeable through the control API. */
  rotateRefreshTokens?: boolean;
  /** Access-token lifetime (Salesforce's session timeout); default 7200 s. */
  accessTokenTtlSeconds?: number;
  /** JSON file to load state from and save it to, so changes survive restarts. */
  stateFile?: string;
  /** Seeds replacing the demo seed of either org. */
  seeds?: Partial<Record<OrgKey, OrgSeedInput>>;
  /** Rows per REST query page; default 2000 (Salesforce's). */
  queryPageSize?: number;
  /** Rows per Bulk query result page when the client sends no maxRecords; default 50,000. */
  bulkQueryPageSize?: number;
  /** Delay before a closed Bulk job starts processing; default 50 ms. */
  bulkStartDelayMs?: number;
  /** Clock, for tests of expiry; default Date.now. */
  now?: () => number;
}

/** Where one org is reached. */
export interface OrgEndpoints {
  loginUrl: string;
  instanceUrl: string;
  orgId: string;
}

/** A running emulator. */
export interface RunningSalesforceEmulator {
  baseUrl: string;
  orgs: Record<OrgKey, OrgEndpoints>;
  /** In-process control (the same operations as the HTTP control API under /__emulator). */
  control: EmulatorControl;
  close(): Promise<void>;
}

/** Starts an emulator and resolves once it listens. */
export async function startSalesforceEmulator(options: SalesforceEmulatorOptions = {}): Promise<RunningSalesforceEmulator> {
  const env = process.env;
  const seeds = () => ({
    sandbox: options.seeds?.sandbox ? parseOrgSeed(options.seeds.sandbox) : undefined,
    production: options.seeds?.production ? parseOrgSeed(options.seeds.production) : undefined,
  });
  const em = new Emulator({
    app: {
      clientId: options.clientId ?? env.SF_EMULATOR_CLIENT_ID ?? DEMO_CLIENT_ID,
      clientSecret: options.clientSecret ?? env.SF_EMULATOR_CLIENT_SECRET ?? DEMO_CLIENT_SECRET,
      callbackUrls: options.callbackUrls ?? (env.SF_EMULATOR_CALLBACK_URLS ? env.SF_EMULATOR_CALLBACK_URLS.split(',').map((s) => s.trim()) : [DEFAULT_CALLBACK_URL]),
      rotateRefreshTokens: options.rotateRefreshTokens ?? false,
    },
    accessTokenTtlMs: (options.accessTokenTtlSeconds ?? 7200) * 1000,
    codeTtlMs: 15 * 60_000,
    now: options.now ?? Date.now,
    queryPageSize: options.queryPageSize ?? 2000,
    bulkQueryPageSize: options.bulkQueryPageSize ?? 50_000,
    bulkStartDelayMs: options.bulkStartDelayMs ?? 50,
    seeds: seeds(),
  });
  em.bulk = new BulkJobs();
  let flush: (() => void) | null = null;
  if (options.stateFile) {
    loadState(em, options.stateFile);
    flush = persistTo(em, options.stateFile);
  }
  const control = createControl(em, () => em.loadOrgs(seeds()));
  // Long keep-alive as production load balancers use; large header limit so over-long URIs reach the router and get Salesforce's 414, not Node's 431.
  const listening = await listenEmulator(requestListener(em, control), options, { maxHeaderSize: 256 * 1024, requestTimeout: 0 });
  listening.server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (process.env.SF_EMULATOR_DEBUG) process.stderr.write(`client error: ${err.code ?? ''} ${err.message}\n`);
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  em.baseUrl = listening.baseUrl;
  const endpoints = (key: OrgKey): OrgEndpoints => ({ loginUrl: em.loginUrl(key), instanceUrl: em.instanceUrl(key), orgId: em.orgs[key].orgId });
  return {
    baseUrl: em.baseUrl,
    orgs: { sandbox: endpoints('sandbox'), production: endpoints('production') },
    control,
    close: () => {
      flush?.();
      return listening.close();
    },
  };
}
