/**
 * Test helpers for work done by a separate `npm run worker` process on PostgreSQL: the demo Salesforce org
 * where that process looks for it (DIC_DEMO_SALESFORCE_PORT, the Connected App secret derived from the auth
 * secret), an account connected through the real OAuth pages, and the worker process itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { DatabaseHandle } from '@/db/client';
import { startSalesforceEmulator } from '@/emulators/salesforce';
import { demoOrgSeed } from '@/emulators/salesforce/seed/demo';
import { createTestWorkspace } from '@/lib/auth/testing';
import { getAuthSecret, getConfig, getDemoSalesforceClientSecret, getEncryptionKeySpec } from '@/lib/config';
import { DEMO_CONNECTED_APP_ID, demoLoginUrls } from '@/lib/salesforce/demo-org';
import { createSalesforceClient } from '@/lib/salesforce/jsforce-client';
import type { SalesforceSettings } from '@/lib/salesforce/settings';
import { connectTestAccount, TEST_CALLBACK } from '@/lib/salesforce/testing';
import { quietLog, type SyncWorld } from '@/lib/sync/run-testing';

const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');
const entry = path.join(process.cwd(), 'lib', 'jobs', 'worker-main.ts');

/** The environment a worker process gets: this process's secrets (so it can open the tokens stored here). */
export function workerEnv(handle: DatabaseHandle, demoPort: number): NodeJS.ProcessEnv {
  return {
    ...process.env, DATABASE_URL: handle.url, AUTH_SECRET: getAuthSecret(), DIC_ENCRYPTION_KEYS: getEncryptionKeySpec(),
    DIC_DEMO_SALESFORCE_PORT: String(demoPort), LOG_LEVEL: 'warn',
  };
}

/**
 * Starts `npm run worker` (its entry, through tsx) in a process group of its own: tsx runs the worker in a
 * child node process, so a signal meant for "the worker" goes to the whole group.
 */
export function startWorkerProcess(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(tsx, [entry], { env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
}

/** Stops a worker process group (SIGTERM, or SIGKILL for a crash) and waits for it to exit. */
export async function stopWorkerProcess(worker: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return;
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  process.kill(-worker.pid!, signal);
  await exited;
}

/**
 * A SyncWorld whose Salesforce is the demo org a worker process reaches: the emulator on a free loopback port
 * with the demo Connected App's id and the secret the worker derives from the same AUTH_SECRET.
 */
export async function startDemoWorld(handle: DatabaseHandle, people: number): Promise<SyncWorld & { demoPort: number }> {
  const config = getConfig({ ...process.env, AUTH_SECRET: getAuthSecret() });
  const emulator = await startSalesforceEmulator({
    host: '127.0.0.1', port: 0, clientId: DEMO_CONNECTED_APP_ID, clientSecret: getDemoSalesforceClientSecret(config),
    callbackUrls: [TEST_CALLBACK], seeds: { sandbox: demoOrgSeed('sandbox', people) },
  });
  const origin = new URL(emulator.baseUrl).origin;
  const settings: SalesforceSettings = {
    clientId: DEMO_CONNECTED_APP_ID, clientSecret: getDemoSalesforceClientSecret(config), redirectUri: TEST_CALLBACK,
    loginUrls: demoLoginUrls(origin), demo: true, allowedOrigins: [origin],
  };
  const admin = (await createTestWorkspace(handle.db, `Worker ${people}`)).user;
  const accountId = await connectTestAccount(handle.db, admin, settings);
  return {
    handle, emulator, settings, admin, accountId, demoPort: Number(new URL(emulator.baseUrl).port),
    deps: { db: handle.db, clock: () => new Date(), log: quietLog, salesforceFor: (ws, acc) => createSalesforceClient(handle.db, settings, ws, acc) },
    close: async () => { await emulator.close(); },
  };
}
