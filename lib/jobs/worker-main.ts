import { getConfig } from '@/lib/config';
import { openDatabase } from '@/db/client';
import { logger } from '@/lib/log';
import { exitOnSignals } from '@/lib/shutdown';
import { createBoss } from './boss';
import { ensureQueues, startWorkers } from './worker';
import { createJobDeps } from './deps';
import { reconcileIntegrationSchedules } from '@/lib/integrations/schedules';

/** `npm run worker`: one more job worker on the shared PostgreSQL database. */
async function main() {
  const config = getConfig();
  if (!config.DATABASE_URL) {
    console.error(
      'npm run worker needs DATABASE_URL: in the embedded default (PGlite) the worker already runs inside `npm start`, ' +
      'and a second process must not open the same data folder. Set DATABASE_URL to a PostgreSQL server to add workers.',
    );
    process.exit(2);
  }
  const handle = await openDatabase({ kind: 'postgres', url: config.DATABASE_URL });
  const boss = createBoss(handle);
  await boss.start();
  await ensureQueues(boss);
  await reconcileIntegrationSchedules(handle.db, boss);
  await startWorkers(boss, createJobDeps(handle.db, boss));
  logger.info('worker started');
  // No new jobs, running ones get a bounded time to reach a checkpoint, then the pool closes.
  exitOnSignals(async (timeoutMs) => {
    await boss.stop({ graceful: true, close: true, timeout: Math.max(1000, timeoutMs - 3000) });
    await handle.close();
  }, { what: 'worker' });
}

main().catch((error) => {
  logger.error({ err: error }, 'worker failed to start');
  process.exit(1);
});
