/**
 * Sync engine benchmark: report rows pushed into the Salesforce emulator by the real engine (executeRun with
 * the jsforce client), against the floor of jsforce loading the same prepared CSV through Bulk API 2.0.
 *
 *   npm run bench:sync                      1,000 / 100,000 / 1,000,000 rows (the last needs a quiet machine)
 *   npm run bench:sync -- --rows 100000     one size
 *   npm run bench:sync -- --pglite          PGlite in this process instead of PostgreSQL
 *   npm run bench:sync -- --tuning '{"sendsInFlight":3}'   the engine's sizes changed (SyncTuning), to try a setting
 *
 * The emulator listens on DIC_BENCH_SALESFORCE_PORT (or DIC_DEMO_SALESFORCE_PORT; default any free port).
 *
 * Per size: a full run, a run with nothing changed, a run with 1% of the rows changed, then the floor. The
 * emulator runs in a child process so the figures (peak RSS above all) are the engine's own, and the engine
 * runs with `--max-semi-space-size=16 --heap-growing-percent=200` as `npm run worker` does (docs/decisions.md). The database
 * is a fresh one on BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), dropped after.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import { selectRows, type DatabaseHandle } from '@/db/client';
import { insertEventBatch } from '@/db/queries/insights-events';
import { insertIntegration } from '@/db/queries/integrations';
import { getRun, insertQueuedRun } from '@/db/queries/integration-runs';
import { createWorkspaceWithAdmin } from '@/db/queries/workspaces';
import { createTestDatabase } from '@/db/testing';
import { demoOrgSeed } from '@/emulators/salesforce/seed/demo';
import type { SessionUser } from '@/lib/auth/session';
import { getConnection } from '@/lib/salesforce/connection';
import type { SalesforceClient, SalesforceRecord } from '@/lib/salesforce/client';
import { createSalesforceClient } from '@/lib/salesforce/jsforce-client';
import type { SalesforceSettings } from '@/lib/salesforce/settings';
import { connectTestAccount, TEST_CALLBACK } from '@/lib/salesforce/testing';
import { streamReportBatches } from '@/lib/insights/report-rows';
import { executeRun, type SyncDeps, type SyncTuning } from '@/lib/sync/execute-run';
import { measured } from './measure';

const args = process.argv.slice(2);
const arg = (name: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
const sizes = arg('rows') ? [Number(arg('rows'))] : [1_000, 100_000, 1_000_000];
if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('usage: npm run bench:sync -- [--rows N] [--pglite]');
const kind = args.includes('--pglite') ? 'pglite' : 'postgres';
const tuning = JSON.parse(arg('tuning') ?? '{}') as Partial<SyncTuning>;
process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const CLIENT = { clientId: 'bench-client', clientSecret: 'bench-secret' };
const n = (v: number) => Math.round(v).toLocaleString('en-US');
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** The emulator's port: DIC_BENCH_SALESFORCE_PORT, else DIC_DEMO_SALESFORCE_PORT, else any free one (0). */
const emulatorPort = process.env.DIC_BENCH_SALESFORCE_PORT ?? process.env.DIC_DEMO_SALESFORCE_PORT ?? '0';

/** The emulator child's process id, for its CPU time. */
let emulatorPid: number | undefined;

async function startEmulator(): Promise<{ baseUrl: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', 'emulators/salesforce/main.ts', '--port', emulatorPort,
    '--client-id', CLIENT.clientId, '--client-secret', CLIENT.clientSecret, '--callback-url', TEST_CALLBACK], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  while (!/listening on (http:\/\/\S+)/.test(out)) out += (await once(child.stdout, 'data') as [string])[0];
  child.stdout.resume();
  emulatorPid = child.pid;
  return { baseUrl: /listening on (http:\/\/\S+)/.exec(out)![1], stop: () => child.kill('SIGTERM') };
}

async function control<T>(baseUrl: string, path: string, method = 'GET', body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}/__emulator${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

/**
 * The client with the time spent in its calls added up (async iterables: the time waiting for each page), so
 * a run's wall time splits into Salesforce and the rest (database and the engine's own work).
 */
function timed(client: SalesforceClient, add: (ms: number, method: string) => void): SalesforceClient {
  const clock = async <T>(method: string, p: Promise<T>) => { const t = performance.now(); try { return await p; } finally { add(performance.now() - t, method); } };
  const pages = (method: string, iterable: AsyncIterable<SalesforceRecord[]>): AsyncIterable<SalesforceRecord[]> => ({
    [Symbol.asyncIterator]() {
      const it = iterable[Symbol.asyncIterator]();
      return { next: () => clock(method, it.next()) };
    },
  });
  return {
    describeGlobal: () => clock('describeGlobal', client.describeGlobal()),
    describe: (o) => clock('describe', client.describe(o)),
    query: (q) => pages('query', client.query(q)),
    bulkQuery: (q) => pages('bulkQuery', client.bulkQuery(q)),
    updateCollection: (o, r) => clock('updateCollection', client.updateCollection(o, r)),
    bulkUpdate: (o, r) => clock('bulkUpdate', client.bulkUpdate(o, r)),
    createCustomField: (f) => clock('createCustomField', client.createCustomField(f)),
    apiUsage: () => client.apiUsage(),
    callCount: () => client.callCount(),
  };
}

/** End users `record{i}@example.com` (the e-mails the emulator gives generated Leads) with recent logins. */
async function seedReport(handle: DatabaseHandle, workspaceId: string, rows: number) {
  await handle.db.execute(sql`
    insert into insights_end_users (workspace_id, user_id, email, first_seen_at, last_seen_at)
    select ${workspaceId}::uuid, 'bench-' || g, 'record' || g || '@example.com', now() - interval '60 days', now() - interval '1 day'
    from generate_series(1, ${rows}) g`);
  for (const day of [2, 5]) {
    await handle.db.execute(sql`
      insert into insights_events (workspace_id, end_user_id, type, occurred_at, properties)
      select ${workspaceId}::uuid, u.id, 'login', now() - ${day} * interval '1 day' - (u.id % 3600) * interval '1 second', '{}'::jsonb
      from insights_end_users u where u.workspace_id = ${workspaceId}::uuid`);
  }
  if (kind === 'postgres') await handle.db.execute(sql`analyze insights_end_users, insights_events`);
}

/** One more login for every 100th end user, through the ingestion's own insert: 1% of the report rows change. */
async function changeOnePercent(handle: DatabaseHandle, workspaceId: string) {
  const users = await selectRows<{ user_id: string; email: string }>(handle.db, sql`
    select user_id, email from insights_end_users where workspace_id = ${workspaceId}::uuid and id % 100 = 0 order by id`);
  const timestamp = new Date(Date.now() - 60_000).toISOString();
  for (let i = 0; i < users.length; i += 1000) {
    await insertEventBatch(handle.db, workspaceId, users.slice(i, i + 1000).map((u) => ({
      clientId: null, userId: u.user_id, email: u.email, type: 'login', timestamp, properties: {},
    })));
  }
}

interface RunFigures { salesforceMs: number; label: string; ms: number; cpuMs: number; peakRss: number; read: number; updated: number; apiCalls: number; writeCalls: number; steps: Record<string, number>; status: string; message: string | null }

async function benchSize(baseUrl: string, rows: number) {
  console.log(`\n== ${n(rows)} report rows (${kind}${Object.keys(tuning).length ? `, tuning ${JSON.stringify(tuning)}` : ''}) ==`);
  await control(baseUrl, '/reset', 'POST');
  await control(baseUrl, '/orgs/sandbox/seed', 'PUT', demoOrgSeed('sandbox', 0));
  await control(baseUrl, '/orgs/sandbox/sobjects/Lead/generate', 'POST', { count: rows, values: { Company: 'Bench Co', LastName: 'Bench' } });
  // Never fires; its hit counter is the emulator's own count of write calls (Collections updates, Bulk ingest).
  const counter = await control<{ id: number }>(baseUrl, '/faults', 'POST', { kind: 'latency', rate: 0, pattern: '^(PATCH \\S*/composite/sobjects|POST \\S*/jobs/ingest$|PUT \\S*/jobs/ingest/)' });
  const writeCalls = async () => (await control<Array<{ id: number; hits: number }>>(baseUrl, '/faults')).find((f) => f.id === counter.id)?.hits ?? 0;

  const handle = await createTestDatabase(kind);
  try {
    // The workspace straight from db/queries: lib/auth/testing reaches the DAL, which is server-only (it throws under plain tsx).
    const created = (await createWorkspaceWithAdmin(handle.db, { workspaceName: `Bench ${rows}`, email: 'admin@bench.test', name: 'Bench', passwordHash: 'x' }))!;
    const admin: SessionUser = { userId: created.user.id, workspaceId: created.workspace.id, role: 'admin', email: 'admin@bench.test', name: 'Bench' };
    const origin = new URL(baseUrl).origin;
    const settings: SalesforceSettings = {
      ...CLIENT, redirectUri: TEST_CALLBACK, demo: true, allowedOrigins: [origin],
      loginUrls: { sandbox: `${origin}/sandbox/login`, production: `${origin}/production/login` },
    };
    const accountId = await connectTestAccount(handle.db, admin, settings);
    let t = performance.now();
    await seedReport(handle, admin.workspaceId, rows);
    console.log(`seeded ${n(rows)} Leads and ${n(rows)} report rows (${n(rows * 2)} login events) in ${s(performance.now() - t)}`);
    const integration = await insertIntegration(handle.db, admin.workspaceId, admin.userId, {
      name: 'Bench: Logins Review to Lead', accountId, reportId: 'logins-review', objectName: 'Lead',
      keys: [{ column: 'Email', field: 'Email' }],
      mappings: [
        { column: 'User ID', field: 'WalkMe_User_Id__c' },
        { column: 'Last Login', field: 'WalkMe_Last_Login__c' },
        { column: '# Logins Last 30 Days', field: 'WalkMe_Logins_Last_30_Days__c' },
      ],
      scheduleCron: '0 8 * * *', scheduleTimezone: 'UTC', enabled: false,
    });
    let salesforceMs = 0;
    let salesforceBy: Record<string, number> = {};
    const deps: SyncDeps = {
      db: handle.db, clock: () => new Date(), tuning, log: { info: () => undefined, warn: () => undefined, error: (o) => console.error(o) },
      salesforceFor: async (workspaceId, account) => timed(await createSalesforceClient(handle.db, settings, workspaceId, account), (ms, method) => {
        salesforceMs += ms;
        salesforceBy[method] = (salesforceBy[method] ?? 0) + ms;
      }),
    };

    const run = async (label: string): Promise<RunFigures> => {
      const queued = await insertQueuedRun(handle.db, {
        workspaceId: admin.workspaceId, integrationId: integration.id, integrationVersion: integration.version, trigger: 'manual', triggeredBy: admin.userId, fullResync: false,
      });
      const writesBefore = await writeCalls();
      salesforceMs = 0;
      salesforceBy = {};
      const { ms, peakRss, startRss, peakHeap, cpuMs, emulatorCpuMs, postgresCpuMs } = await measured(() => executeRun(deps, { workspaceId: admin.workspaceId, runId: queued.id }), emulatorPid);
      const done = (await getRun(handle.db, admin.workspaceId, queued.id))!;
      // A step logged twice (Resolve keys: the first chunks by SOQL, then the Bulk lookup) counts at its longest.
      const steps: Record<string, number> = {};
      for (const st of done.steps) if (st.durationMs !== undefined) steps[st.name] = Math.max(steps[st.name] ?? 0, st.durationMs);
      const figures: RunFigures = {
        label, ms, cpuMs, peakRss, read: done.readCount, updated: done.updatedCount, apiCalls: done.apiCalls, writeCalls: (await writeCalls()) - writesBefore,
        steps, status: done.status, message: done.message, salesforceMs,
      };
      console.log(`${label}: ${figures.status}, ${s(ms)}, ${n(rows / (ms / 1000))} rows/s, ${n(figures.updated)} updated, API calls ${n(figures.apiCalls)} ` +
        `(${(figures.apiCalls / Math.max(1, figures.updated)).toFixed(4)} per record updated), write calls ${n(figures.writeCalls)}, peak RSS ${mb(peakRss)} (${mb(startRss)} when the run started; JS heap at most ${mb(peakHeap)}), engine CPU ${s(cpuMs)} (emulator ${s(emulatorCpuMs)}, PostgreSQL ${s(postgresCpuMs)}), waiting on Salesforce ${s(figures.salesforceMs)}` +
        ` (${Object.entries(salesforceBy).map(([k, v]) => `${k} ${s(v)}`).join(', ')})`);
      console.log(`  steps: ${Object.entries(steps).map(([k, v]) => `${k} ${s(v)}`).join(', ')}`);
      console.log(`  ${done.steps.find((st) => st.name === 'Read report')?.message ?? ''}`);
      if (figures.status !== 'completed') console.log(`  message: ${figures.message}`);
      return figures;
    };

    const full = await run('full run');
    // The engine's "Read report" step reads and diffs in one; reading alone (the same stream, batches of
    // 2,000 as the engine reads) splits it.
    t = performance.now();
    let streamed = 0;
    for await (const batch of streamReportBatches(handle.db, admin.workspaceId, 'logins-review', { batchSize: 2_000 })) streamed += batch.rows.length;
    const readMs = performance.now() - t;
    full.steps.read = readMs;
    full.steps.diff = Math.max(0, (full.steps['Read report'] ?? 0) - readMs);
    console.log(`  read alone: ${s(readMs)} for ${n(streamed)} rows, so diff (with waiting for chunks to be sent) ${s(full.steps.diff)}`);
    const unchanged = await run('no-change run');
    await changeOnePercent(handle, admin.workspaceId);
    const onePercent = await run('1%-change run');

    // The floor: the same rows as a prepared CSV (ids read only now, so the runs above carry no bench data),
    // loaded by jsforce alone through one Bulk API 2.0 job.
    const lines = ['Id,WalkMe_User_Id__c,WalkMe_Last_Login__c,WalkMe_Logins_Last_30_Days__c'];
    const last = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const reader = await createSalesforceClient(handle.db, settings, admin.workspaceId, accountId);
    for await (const page of reader.bulkQuery('SELECT Id, Email FROM Lead')) {
      for (const lead of page) lines.push(`${lead.Id},bench-${/^record(\d+)@/.exec(String(lead.Email))?.[1]},${last},2`);
    }
    const csv = `${lines.join('\n')}\n`;
    lines.length = 0;
    const conn = await getConnection(handle.db, settings, admin.workspaceId, accountId);
    t = performance.now();
    const floor = await measured(() => conn.bulk2.loadAndWaitForResults({ object: 'Lead', operation: 'update', input: csv, pollInterval: 250, pollTimeout: 60 * 60_000 }), emulatorPid);
    const floorFailed = floor.value.failedResults.length;
    console.log(`floor (jsforce bulk2.loadAndWaitForResults, prepared CSV): ${s(floor.ms)}, ${n(rows / (floor.ms / 1000))} rows/s, ${n(floor.value.successfulResults.length)} updated, ${floorFailed} failed; CPU: jsforce ${s(floor.cpuMs)}, emulator ${s(floor.emulatorCpuMs)}, PostgreSQL ${s(floor.postgresCpuMs)}`);
    const ratio = full.ms / floor.ms;
    console.log(`ratio engine/floor: ${ratio.toFixed(2)}`);
    console.log(`no-change run / full run: ${(unchanged.ms / full.ms).toFixed(3)} (target < 0.1), write calls ${unchanged.writeCalls} (target 0)`);
    return { rows, full, unchanged, onePercent, floorMs: floor.ms, ratio };
  } finally {
    await handle.close();
  }
}

const TABLE_HEADER = [
  '| rows | full run | rows/s | API calls (per record) | peak RSS | read / diff / resolve keys / write | no change | 1% change | floor | engine/floor |',
  '|---|---|---|---|---|---|---|---|---|---|',
];

function tableRow(r: Awaited<ReturnType<typeof benchSize>>): string {
  const st = r.full.steps;
  return `| ${n(r.rows)} | ${s(r.full.ms)} | ${n(r.rows / (r.full.ms / 1000))} | ${n(r.full.apiCalls)} (${(r.full.apiCalls / Math.max(1, r.full.updated)).toFixed(4)}) | ${mb(r.full.peakRss)} | ` +
    `${s(st.read ?? 0)} / ${s(st.diff ?? 0)} / ${s(st['Resolve keys'] ?? 0)} / ${s(st.Write ?? 0)} | ${s(r.unchanged.ms)}, ${r.unchanged.writeCalls} writes | ` +
    `${s(r.onePercent.ms)}, ${n(r.onePercent.updated)} updated | ${s(r.floorMs)} | ${r.ratio.toFixed(2)} |`;
}

if (sizes.length > 1) {
  // Each size in a process of its own, so one size's peak RSS is not another's leftover heap.
  const rows: string[] = [];
  for (const size of sizes) {
    const child = spawn(process.execPath, ['--max-semi-space-size=16', '--heap-growing-percent=200', '--import', 'tsx', 'bench/sync.ts', '--rows', String(size), ...(kind === 'pglite' ? ['--pglite'] : []), ...(arg('tuning') ? ['--tuning', arg('tuning')!] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.setEncoding('utf8');
    let out = '';
    child.stdout.on('data', (chunk: string) => { process.stdout.write(chunk); out += chunk; });
    const [code] = await once(child, 'exit') as [number | null];
    if (code !== 0) throw new Error(`the ${n(size)}-row bench exited with code ${code}`);
    rows.push(...out.split('\n').filter((line) => /^\| [\d,]+ \|/.test(line)));
  }
  console.log(`\n${[...TABLE_HEADER, ...rows].join('\n')}`);
} else {
  const emulator = await startEmulator();
  try {
    const result = await benchSize(emulator.baseUrl, sizes[0]);
    console.log(`\n${[...TABLE_HEADER, tableRow(result)].join('\n')}`);
  } finally {
    emulator.stop();
  }
}
