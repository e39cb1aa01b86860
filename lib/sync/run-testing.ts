/**
 * Test world for the engine: a real database (PGlite or PostgreSQL), the Salesforce emulator over HTTP with
 * a small demo org, a connected account through the real OAuth pages, Insights events for the demo people,
 * and the real jsforce client with fast retries. Nothing here is mocked.
 */
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { integrationRuns, integrations, type ColumnFieldPair } from '@/db/schema';
import type { RunningSalesforceEmulator } from '@/emulators/salesforce';
import { demoOrgSeed } from '@/emulators/salesforce/seed/demo';
import { createTestWorkspace } from '@/lib/auth/testing';
import type { SessionUser } from '@/lib/auth/session';
import { demoPeople } from '@/lib/demo/people';
import { ingestForTest, type TestEvent } from '@/lib/insights/testing';
import { createSalesforceClient, type SalesforceClientOptions } from '@/lib/salesforce/jsforce-client';
import type { SalesforceSettings } from '@/lib/salesforce/settings';
import { connectTestAccount, startTestSalesforce } from '@/lib/salesforce/testing';
import type { SyncDeps } from './execute-run';

/** Retries in milliseconds instead of seconds; Retry-After waits are recorded, not slept. */
export const FAST_CLIENT: SalesforceClientOptions = { retry: { minDelayMs: 1, maxDelayMs: 5, sleep: async () => undefined }, bulk: { pollIntervalMs: 10 } };

/** A silent logger with pino's shape. */
export const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Everything an engine test needs. */
export interface SyncWorld {
  handle: DatabaseHandle;
  emulator: RunningSalesforceEmulator;
  settings: SalesforceSettings;
  admin: SessionUser;
  accountId: string;
  deps: SyncDeps;
  close(): Promise<void>;
}

/** Starts the emulator with a demo org of `people` demo people, a database, a workspace and a connected account. */
export async function startSyncWorld(kind: 'pglite' | 'postgres', people = 200, clientOptions: SalesforceClientOptions = FAST_CLIENT): Promise<SyncWorld> {
  const { emulator, settings } = await startTestSalesforce({ seeds: { sandbox: demoOrgSeed('sandbox', people) } });
  const handle = await createTestDatabase(kind);
  const admin = (await createTestWorkspace(handle.db, `Sync ${kind}`)).user;
  const accountId = await connectTestAccount(handle.db, admin, settings);
  const deps: SyncDeps = {
    db: handle.db, clock: () => new Date(), log: quietLog,
    salesforceFor: (workspaceId, account) => createSalesforceClient(handle.db, settings, workspaceId, account, clientOptions),
    tuning: { heartbeatMs: 60_000 },
  };
  return { handle, emulator, settings, admin, accountId, deps, close: async () => { await handle.close(); await emulator.close(); } };
}

const DAY = 86_400_000;

/**
 * Login events for the first `count` demo people: person i logs in (i % 5) + 1 times on recent days, so
 * Logins Review has one row per person with their e-mail and a login count. `extra` adds logins for some.
 */
export async function ingestLogins(world: SyncWorld, count: number, extra: (i: number) => number = () => 0, now = Date.now()): Promise<void> {
  const events: TestEvent[] = [];
  for (const p of demoPeople(count)) {
    const logins = (p.index % 5) + 1 + extra(p.index);
    for (let n = 0; n < logins; n++) {
      events.push({ userId: p.userId, email: p.email, type: 'login', timestamp: new Date(now - (n + 1) * DAY - p.index * 1000).toISOString() });
    }
  }
  for (let i = 0; i < events.length; i += 1000) await ingestForTest(world.handle.db, world.admin.workspaceId, events.slice(i, i + 1000), new Date(now + DAY));
}

/** Logins Review matched on Email into Lead's WalkMe fields: the product's own example. */
export const LOGINS_TO_LEAD = {
  reportId: 'logins-review',
  objectName: 'Lead',
  keys: [{ column: 'Email', field: 'Email' }],
  mappings: [
    { column: 'User ID', field: 'WalkMe_User_Id__c' },
    { column: 'Last Login', field: 'WalkMe_Last_Login__c' },
    { column: '# Logins Last 30 Days', field: 'WalkMe_Logins_Last_30_Days__c' },
  ],
};

/** Inserts an integration the way the integrations DAL would. */
export async function createTestIntegration(world: SyncWorld, spec: { reportId: string; objectName: string; keys: ColumnFieldPair[]; mappings: ColumnFieldPair[]; name?: string }): Promise<string> {
  const [row] = await world.handle.db.insert(integrations).values({
    workspaceId: world.admin.workspaceId, name: spec.name ?? `Integration ${Math.random().toString(36).slice(2, 8)}`, accountId: world.accountId,
    reportId: spec.reportId, objectName: spec.objectName, keys: spec.keys, mappings: spec.mappings, createdBy: world.admin.userId,
  }).returning({ id: integrations.id });
  return row.id;
}

/** Queues a run as Run Now would. */
export async function queueTestRun(world: SyncWorld, integrationId: string, options: { fullResync?: boolean } = {}): Promise<string> {
  const [integration] = await world.handle.db.select().from(integrations).where(eq(integrations.id, integrationId));
  const [row] = await world.handle.db.insert(integrationRuns).values({
    workspaceId: world.admin.workspaceId, integrationId, integrationVersion: integration.version, trigger: 'manual',
    triggeredBy: world.admin.userId, fullResync: options.fullResync ?? false,
  }).returning({ id: integrationRuns.id });
  return row.id;
}

/** The run row as stored. */
export async function loadRun(world: SyncWorld, runId: string) {
  const [row] = await world.handle.db.select().from(integrationRuns).where(eq(integrationRuns.id, runId));
  return row;
}

/**
 * Counts the write calls the emulator receives (Collections updates and Bulk ingest requests) with a fault
 * rule that matches them and never fires: its hit counter is the emulator's own count.
 */
export function countWrites(world: SyncWorld): () => number {
  const id = world.emulator.control.addFault({ kind: 'latency', pattern: '^(PATCH \\S*/composite/sobjects|POST \\S*/jobs/ingest$|PUT \\S*/jobs/ingest/)', rate: 0 });
  return () => world.emulator.control.faults().find((f) => f.id === id)?.hits ?? 0;
}

/** The emulator's Leads, by e-mail (lower case); several per e-mail where the org has duplicates. */
export function leadsByEmail(world: SyncWorld) {
  const map = new Map<string, Array<Record<string, unknown>>>();
  for (const lead of world.emulator.control.records('sandbox', 'Lead')) {
    const email = String(lead.Email ?? '').toLowerCase();
    map.set(email, [...(map.get(email) ?? []), lead]);
  }
  return map;
}

/** Forgets an integration's sync state and resets the emulator's records, so a test starts from scratch. */
export async function clearSync(world: SyncWorld, integrationId: string): Promise<void> {
  const { clearSyncState } = await import('@/db/queries/sync-rows');
  await clearSyncState(world.handle.db, { workspaceId: world.admin.workspaceId, integrationId });
}

/** Thrown by a crashing client: stands for the worker process dying at that moment. */
export class SimulatedCrash extends Error {}

type Client = import('@/lib/salesforce/client').SalesforceClient;

/** The real client with some methods replaced (each replacement may call the original). */
export function wrapClient(client: Client, overrides: Partial<Client> = {}): Client {
  return {
    describeGlobal: () => client.describeGlobal(),
    describe: (name) => client.describe(name),
    query: (soql) => client.query(soql),
    bulkQuery: (soql) => client.bulkQuery(soql),
    updateCollection: (name, records) => client.updateCollection(name, records),
    bulkUpdate: (name, records) => client.bulkUpdate(name, records),
    createCustomField: (field) => client.createCustomField(field),
    apiUsage: () => client.apiUsage(),
    callCount: () => client.callCount(),
    ...overrides,
  };
}

/**
 * The real client, except that the process "dies" right after the `after`-th call of `method` succeeded in
 * Salesforce and before the engine could record it: the worst moment for a crash.
 */
export function crashingClient(client: Client, method: 'updateCollection' | 'bulkUpdate' | 'query' | 'bulkQuery', after: number): Client {
  let calls = 0;
  const crash = () => { if (++calls === after) throw new SimulatedCrash(`worker killed after ${method} #${after}`); };
  const overrides: Partial<Client> = {
    query: async function* (soql) { for await (const page of client.query(soql)) yield page; crash(); },
    bulkQuery: async function* (soql) { for await (const page of client.bulkQuery(soql)) yield page; crash(); },
    updateCollection: async (name, records) => { const r = await client.updateCollection(name, records); crash(); return r; },
    bulkUpdate: async (name, records) => { const r = await client.bulkUpdate(name, records); crash(); return r; },
  };
  return wrapClient(client, { [method]: overrides[method] });
}
