import type { PgBoss } from 'pg-boss';
import { getDatabaseHandle } from '@/lib/database';
import type { DatabaseHandle } from '@/db/client';
import { getConfig } from '@/lib/config';
import { createBoss } from '@/lib/jobs/boss';
import { ensureQueues, startWorkers } from '@/lib/jobs/worker';
import { logger } from '@/lib/log';
import { startDemoConnectors } from '@/lib/connectors/demo-emulators';
import { startDemoSalesforceIfNeeded } from '@/lib/salesforce/app-settings';
import { createJobDeps } from '@/lib/jobs/deps';
import { reconcileIntegrationSchedules } from '@/lib/integrations/schedules';
import { runningDemoSalesforce } from '@/lib/salesforce/demo-org';
import { exitOnSignals } from '@/lib/shutdown';

/** The server process's long-lived parts: the database and the job queue (with a worker when embedded). */
export interface Runtime {
  handle: DatabaseHandle;
  boss: PgBoss;
  workerRunning: boolean;
}

const globalForRuntime = globalThis as unknown as { __dicRuntime?: Promise<Runtime> };

/**
 * Opens the database (migrating it), starts pg-boss, and in the embedded default runs the worker in this
 * process, since PGlite allows no second process. With PostgreSQL the web process also works jobs unless
 * DIC_EMBEDDED_WORKER=false, leaving them to `npm run worker` processes.
 */
export function startRuntime(options: { handleSignals?: boolean } = {}): Promise<Runtime> {
  globalForRuntime.__dicRuntime ??= (async () => {
    const config = getConfig();
    const handle = await getDatabaseHandle();
    const boss = createBoss(handle);
    await boss.start();
    await ensureQueues(boss);
    await reconcileIntegrationSchedules(handle.db, boss);
    // Without a Connected App the demo org must be up before anyone clicks "+ Add Account" or a run starts.
    await startDemoSalesforceIfNeeded(config);
    const workerRunning = handle.kind === 'pglite' || config.DIC_EMBEDDED_WORKER !== 'false';
    // The demo connectors are a convenience: a busy port leaves the Connectors page without a demo, not the app down.
    if (config.demoConnectors) {
      await startDemoConnectors({ qualtricsPort: config.DIC_DEMO_QUALTRICS_PORT, gainsightPort: config.DIC_DEMO_GAINSIGHT_PORT })
        .catch((err: unknown) => logger.warn({ err }, 'demo Qualtrics and Gainsight emulators did not start'));
    }
    if (workerRunning) await startWorkers(boss, createJobDeps(handle.db, boss));
    logger.info({ database: handle.kind, workerRunning }, 'runtime started');
    const runtime = { handle, boss, workerRunning };
    if (options.handleSignals) exitOnSignals((timeoutMs) => stopRuntime(runtime, timeoutMs));
    return runtime;
  })();
  globalForRuntime.__dicRuntime.catch(() => { globalForRuntime.__dicRuntime = undefined; });
  return globalForRuntime.__dicRuntime;
}

/**
 * Stops in order: pg-boss takes no new jobs and waits (bounded) for running handlers, which checkpoint as
 * they go; the demo org writes its state; the database closes (releasing the data folder's lock).
 */
export async function stopRuntime(runtime: Runtime, timeoutMs: number): Promise<void> {
  await runtime.boss.stop({ graceful: true, close: true, timeout: Math.max(1000, timeoutMs - 3000) });
  await (await runningDemoSalesforce()?.catch(() => undefined))?.close();
  await runtime.handle.close();
}

/** The runtime if it was started, without starting it. */
export function currentRuntime(): Promise<Runtime> | undefined {
  return globalForRuntime.__dicRuntime;
}

/** The running process's pg-boss (starting the runtime if needed), for `sendJob` from lib/jobs/send.ts. */
export async function getBoss(): Promise<PgBoss> {
  return (await (currentRuntime() ?? startRuntime())).boss;
}
