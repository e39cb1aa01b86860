/**
 * Insights benchmark: ingestion throughput, Logins Review at volume, and memory while streaming a report.
 *
 *   npx tsx --expose-gc bench/insights.ts                 full size (about 10 minutes)
 *   npx tsx --expose-gc bench/insights.ts --quick         small sizes, for a smoke run
 *   npx tsx bench/insights.ts --users 20000 --events-per-user 50 --stream-rows 100000 --ingest-batches 50
 *
 * It creates its own databases: PGlite in a temporary folder and a fresh database on the PostgreSQL server
 * at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), dropped at the end.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '@/db/client';
import { insertApiKey } from '@/db/queries/api-keys';
import { generateApiKey } from '@/lib/secrets/api-key';
import { configureEventsRateLimit, handleEventsRequest } from '@/lib/insights/events-api';
import { previewReport, streamReportRows } from '@/lib/insights/report-rows';
import { createInsightsWorkspace } from '@/lib/insights/testing';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
function numberArg(name: string, full: number, small: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : quick ? small : full;
}
const sizes = {
  ingestBatches: numberArg('ingest-batches', 200, 20),
  pgliteIngestBatches: numberArg('pglite-ingest-batches', 50, 10),
  concurrency: numberArg('concurrency', 4, 4),
  users: numberArg('users', 100_000, 5_000),
  eventsPerUser: numberArg('events-per-user', 100, 20),
  streamRows: numberArg('stream-rows', 1_000_000, 50_000),
};
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const asOf = new Date('2026-06-30T12:00:00Z');

const results: Array<[string, string]> = [];
function record(label: string, value: string) {
  results.push([label, value]);
  console.log(`${label}: ${value}`);
}
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** 1,000 events of mixed types with unique ids, as the API receives them. */
function batchBody(batch: number): string {
  const events = Array.from({ length: 1000 }, (_, i) => {
    const n = batch * 1000 + i;
    const userId = `bench-${n % 20_000}`;
    const timestamp = new Date(asOf.getTime() - (n % (90 * 24 * 60)) * 60_000).toISOString();
    const base = { id: `evt-${n}`, userId, email: `${userId}@bench.example.com`, timestamp };
    switch (n % 10) {
      case 7: return { ...base, type: 'nps', properties: { score: n % 11 } };
      case 8: return { ...base, type: 'onboarding_task', properties: { taskId: `task-${n % 5}` } };
      case 9: return { ...base, type: 'course_progress', properties: { courseId: `c-${n % 4}`, progress: n % 101, completed: n % 101 === 100 } };
      default: return { ...base, type: 'login', properties: { app: 'web' } };
    }
  });
  return JSON.stringify({ events });
}

async function benchIngestion(handle: DatabaseHandle, label: string, batches: number, concurrency: number) {
  const workspaceId = await createInsightsWorkspace(handle.db, {}, `bench ingest ${label}`);
  const key = generateApiKey();
  await insertApiKey(handle.db, { workspaceId, name: 'bench', prefix: key.prefix, secretHash: key.hash, createdBy: null });
  configureEventsRateLimit({ points: 1_000_000, durationSeconds: 1 });
  const bodies = Array.from({ length: batches }, (_, b) => batchBody(b));
  // One warm-up batch outside the timing (connection set-up, JIT).
  await handleEventsRequest(handle.db, request(key.secret, batchBody(batches + 1)));
  let next = 0;
  let accepted = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const response = await handleEventsRequest(handle.db, request(key.secret, body));
      if (response.status !== 202) throw new Error(`ingestion answered ${response.status}: ${await response.text()}`);
      accepted += ((await response.json()) as { accepted: number }).accepted;
    }
  }));
  const ms = performance.now() - started;
  if (accepted !== batches * 1000) throw new Error(`expected ${batches * 1000} accepted, got ${accepted}`);
  record(`Ingestion ${label} (${batches} x 1,000-event requests, ${concurrency} in flight)`,
    `${Math.round(accepted / (ms / 1000)).toLocaleString('en-US')} events/s`);
}

function request(secret: string, body: string): Request {
  return new Request('http://bench/api/v1/events', {
    method: 'POST', body,
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
  });
}

/** End users and events made with generate_series: the volume without the API's cost. */
async function generateVolume(handle: DatabaseHandle, workspaceId: string, users: number, eventsPerUser: number) {
  const started = performance.now();
  await handle.db.execute(sql`
    insert into insights_end_users (workspace_id, user_id, email, first_seen_at, last_seen_at)
    select ${workspaceId}::uuid, 'user-' || lpad(g::text, 8, '0'), 'user' || g || '@volume.example.com',
      ${asOf.toISOString()}::timestamptz - interval '180 days', ${asOf.toISOString()}::timestamptz
    from generate_series(1, ${users}) g`);
  // Ten slices of time, each with events of every user, so a user's events are spread over the table the
  // way they are when they arrive over months.
  const slices = Math.min(10, eventsPerUser);
  const perSlice = Math.ceil(eventsPerUser / slices);
  for (let s = 0; s < slices; s++) {
    await handle.db.execute(sql`
      insert into insights_events (workspace_id, end_user_id, type, occurred_at, properties)
      select ${workspaceId}::uuid, u.id,
        case when g % 10 < 7 then 'login' when g % 10 = 7 then 'nps' when g % 10 = 8 then 'onboarding_task' else 'feature_used' end,
        ${asOf.toISOString()}::timestamptz - ((${s} * 18 + (g * 7 + u.id) % 18) * interval '1 day') - ((u.id * 13 + g) % 86400) * interval '1 second',
        case when g % 10 = 7 then jsonb_build_object('score', (u.id + g) % 11) when g % 10 = 8 then jsonb_build_object('taskId', 'task-' || g % 5) else '{}'::jsonb end
      from insights_end_users u cross join generate_series(1, ${perSlice}) g
      where u.workspace_id = ${workspaceId}::uuid`);
    if (slices > 1) console.log(`  generated time slice ${s + 1}/${slices}`);
  }
  // What autovacuum does on a live server: statistics, and the visibility map that allows index-only scans.
  await handle.db.execute(sql`vacuum analyze insights_end_users`);
  await handle.db.execute(sql`vacuum analyze insights_events`);
  const [{ n }] = (await handle.db.execute(sql`select count(*)::int as n from insights_events where workspace_id = ${workspaceId}::uuid`) as unknown as { rows: Array<{ n: number }> }).rows;
  console.log(`  generated ${users.toLocaleString('en-US')} end users and ${Number(n).toLocaleString('en-US')} events in ${seconds(performance.now() - started)}`);
  return Number(n);
}

async function benchLoginsReview(handle: DatabaseHandle) {
  const workspaceId = await createInsightsWorkspace(handle.db, {}, 'bench volume');
  const events = await generateVolume(handle, workspaceId, sizes.users, sizes.eventsPerUser);
  const volume = `${sizes.users.toLocaleString('en-US')} end users, ${events.toLocaleString('en-US')} events`;
  let started = performance.now();
  const page = await previewReport(handle.db, workspaceId, 'logins-review', { asOf, pageSize: 50, sort: { column: '# Logins Last 30 Days', direction: 'desc' } });
  record(`Logins Review, whole report sorted by # Logins Last 30 Days + row count, PostgreSQL (${volume})`, `${seconds(performance.now() - started)} (${page.total.toLocaleString('en-US')} rows)`);
  started = performance.now();
  let rows = 0;
  for await (const batch of streamReportRows(handle.db, workspaceId, 'logins-review', { asOf, batchSize: 5000 })) rows += batch.length;
  record(`Logins Review, every row read by the streaming reader (5,000 per batch), PostgreSQL (${volume})`, `${seconds(performance.now() - started)} (${rows.toLocaleString('en-US')} rows)`);
}

async function benchStreamMemory(handle: DatabaseHandle) {
  const workspaceId = await createInsightsWorkspace(handle.db, {}, 'bench stream');
  await generateVolume(handle, workspaceId, sizes.streamRows, 2);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  let rows = 0;
  let batches = 0;
  const started = performance.now();
  for await (const batch of streamReportRows(handle.db, workspaceId, 'logins-review', { asOf, batchSize: 1000 })) {
    rows += batch.length;
    batches++;
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }
  const ms = performance.now() - started;
  record(`Streaming Logins Review, ${rows.toLocaleString('en-US')} rows in ${batches.toLocaleString('en-US')} batches of 1,000, PostgreSQL`,
    `${seconds(ms)}; peak growth RSS ${mb(peakRss - baseline.rss)}, JS heap ${mb(peakHeap - baseline.heapUsed)}${gc ? '' : ' (run with --expose-gc for a steadier baseline)'}`);
}

async function main() {
  console.log(`Insights benchmark ${quick ? '(quick) ' : ''}on ${os.cpus().length} CPUs, Node ${process.version}`, sizes);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dic-bench-'));
  const pglite = await openDatabase({ kind: 'pglite', dataDir: folder });
  try {
    await benchIngestion(pglite, 'into PGlite', sizes.pgliteIngestBatches, 1);
  } finally {
    await pglite.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }

  const name = `dic_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const postgres = await openDatabase({ kind: 'postgres', url: url.toString() });
  try {
    await benchIngestion(postgres, 'into PostgreSQL', sizes.ingestBatches, 1);
    await benchIngestion(postgres, 'into PostgreSQL', sizes.ingestBatches, sizes.concurrency);
    await benchLoginsReview(postgres);
    await benchStreamMemory(postgres);
  } finally {
    // Dropping WITH (FORCE) ends any pooled connection still open; that is expected here.
    postgres.pool?.on('error', () => undefined);
    await postgres.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  console.log('\nSummary');
  for (const [label, value] of results) console.log(`| ${label} | ${value} |`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
