import { sql } from 'drizzle-orm';
import { currentRuntime, startRuntime, type Runtime } from '@/lib/runtime';

/** What /api/health reports: each part's status, and ok only when all are up. */
export interface Health {
  ok: boolean;
  database: { status: 'up' | 'down'; kind?: string; error?: string };
  queue: { status: 'up' | 'down'; worker?: boolean; error?: string };
}

const TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)),
  ]);
}

function describeError(error: unknown) {
  return error instanceof Error ? error.message.split('\n')[0] : 'unknown error';
}

/** Checks the database with `select 1` and the queue by reading pg-boss's own tables. */
export async function checkHealth(getRuntime: () => Promise<Runtime> = () => currentRuntime() ?? startRuntime()): Promise<Health> {
  let runtime;
  try {
    runtime = await withTimeout(getRuntime(), 'start-up');
  } catch (error) {
    const message = describeError(error);
    return { ok: false, database: { status: 'down', error: message }, queue: { status: 'down', error: message } };
  }
  const health: Health = { ok: true, database: { status: 'up', kind: runtime.handle.kind }, queue: { status: 'up', worker: runtime.workerRunning } };
  try {
    await withTimeout(runtime.handle.db.execute(sql`select 1`), 'The database');
  } catch (error) {
    health.database = { status: 'down', kind: runtime.handle.kind, error: describeError(error) };
  }
  try {
    await withTimeout(runtime.boss.getQueues(), 'The job queue');
  } catch (error) {
    health.queue = { status: 'down', worker: runtime.workerRunning, error: describeError(error) };
  }
  health.ok = health.database.status === 'up' && health.queue.status === 'up';
  return health;
}
