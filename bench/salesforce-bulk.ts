/**
 * Bulk API 2.0 update benchmark against the Salesforce emulator:
 *   npx tsx bench/salesforce-bulk.ts [rows]        (default 1,000,000)
 * Starts the emulator as a child process (so its memory is measured on its own), seeds `rows` Leads
 * through the control API, logs in with the OAuth code flow, then updates every Lead with unmodified
 * jsforce (`conn.bulk2.loadAndWaitForResults`) and prints wall time, rows/s and peak RSS.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import jsforce, { type Connection } from 'jsforce';
import { DEFAULT_CALLBACK_URL, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from '../emulators/salesforce/index';

const rows = Number(process.argv[2] ?? 1_000_000);
if (!Number.isInteger(rows) || rows <= 0) throw new Error('usage: npx tsx bench/salesforce-bulk.ts [rows]');

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function startChild(): Promise<{ baseUrl: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', 'emulators/salesforce/main.ts', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM') process.stderr.write(`emulator exited: code ${code}, signal ${signal}\n`);
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  while (!/listening on (http:\/\/\S+)/.test(out)) {
    const [chunk] = await once(child.stdout, 'data') as [string];
    out += chunk;
  }
  return { baseUrl: /listening on (http:\/\/\S+)/.exec(out)![1], stop: () => child.kill('SIGTERM') };
}

async function control<T>(baseUrl: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}/__emulator${path}`, body === undefined ? {} : {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

async function login(baseUrl: string): Promise<Connection> {
  const loginUrl = `${baseUrl}/sandbox/login`;
  const conn = new jsforce.Connection({ oauth2: { loginUrl, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET, redirectUri: DEFAULT_CALLBACK_URL } });
  const field = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)![1];
  const action = (html: string) => new URL(/action="([^"]+)"/.exec(html)![1], baseUrl);
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const loginHtml = await (await fetch(conn.oauth2.getAuthorizationUrl({ state: 'bench' }))).text();
  const consentHtml = await (await fetch(action(loginHtml), { method: 'POST', headers: form, body: new URLSearchParams({ pending: field(loginHtml, 'pending'), username: 'admin@sandbox.demo', password: 'demo-admin-1' }) })).text();
  const done = await fetch(action(consentHtml), { method: 'POST', headers: form, body: new URLSearchParams({ pending: field(consentHtml, 'pending'), decision: 'allow' }), redirect: 'manual' });
  await conn.authorize(new URL(done.headers.get('location')!).searchParams.get('code')!);
  return conn;
}

const { baseUrl, stop } = await startChild();
let serverPeak = 0;
let clientPeak = 0;
const sampler = setInterval(() => {
  clientPeak = Math.max(clientPeak, process.memoryUsage().rss);
  control<{ rssBytes: number }>(baseUrl, '/stats').then((s) => { serverPeak = Math.max(serverPeak, s.rssBytes); }, () => {});
}, 200);

try {
  let t = Date.now();
  const { ids } = await control<{ ids: string[] }>(baseUrl, '/orgs/sandbox/sobjects/Lead/generate', { count: rows, values: { Company: 'Bench Co' }, returnIds: true });
  const seedMs = Date.now() - t;

  const conn = await login(baseUrl);
  const categories = ['Promoter', 'Passive', 'Detractor'];
  const lines = ['Id,WalkMe_Last_Login__c,WalkMe_Logins_Last_30_Days__c,WalkMe_NPS_Category__c'];
  for (let i = 0; i < ids.length; i++) {
    lines.push(`${ids[i]},2025-03-${String(1 + (i % 28)).padStart(2, '0')}T12:00:00Z,${i % 50},${categories[i % 3]}`);
  }
  const csv = `${lines.join('\n')}\n`;
  lines.length = 0;

  t = Date.now();
  const result = await conn.bulk2.loadAndWaitForResults({ object: 'Lead', operation: 'update', input: csv, pollInterval: 250, pollTimeout: 30 * 60_000 });
  const wallMs = Date.now() - t;

  const jobs = await conn.request<{ records: Array<{ id: string }> }>('/jobs/ingest');
  const info = await conn.request<{ totalProcessingTime: number; numberRecordsProcessed: number; numberRecordsFailed: number }>(`/jobs/ingest/${jobs.records.at(-1)!.id}`);
  const check = await conn.query("SELECT COUNT() FROM Lead WHERE Company = 'Bench Co' AND WalkMe_NPS_Category__c = 'Promoter'");
  clearInterval(sampler);
  clientPeak = Math.max(clientPeak, process.memoryUsage().rss);
  serverPeak = Math.max(serverPeak, (await control<{ rssBytes: number }>(baseUrl, '/stats')).rssBytes);

  const report = [
    `rows:                         ${rows.toLocaleString('en-US')}`,
    `seed via control API:         ${seconds(seedMs)}`,
    `bulk update wall time:        ${seconds(wallMs)} (jsforce loadAndWaitForResults: upload, poll, fetch results)`,
    `throughput:                   ${Math.round(rows / (wallMs / 1000)).toLocaleString('en-US')} rows/s`,
    `emulator processing time:     ${seconds(info.totalProcessingTime)} (${Math.round(rows / Math.max(1, info.totalProcessingTime) * 1000).toLocaleString('en-US')} rows/s)`,
    `successful / failed results:  ${result.successfulResults.length.toLocaleString('en-US')} / ${result.failedResults.length.toLocaleString('en-US')}`,
    `Promoters after update:       ${check.totalSize.toLocaleString('en-US')} (expected ${Math.ceil(rows / 3).toLocaleString('en-US')})`,
    `peak RSS emulator / client:   ${mb(serverPeak)} / ${mb(clientPeak)}`,
  ];
  process.stdout.write(`${report.join('\n')}\n`);
  if (result.successfulResults.length !== rows || check.totalSize !== Math.ceil(rows / 3)) process.exitCode = 1;
} finally {
  clearInterval(sampler);
  stop();
}
