import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { selectRows, type DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { recordSignInAttempt } from '@/db/queries/sign-in-attempts';
import { createBoss } from './boss';
import { sendJob } from './send';

const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');
const entry = path.join(process.cwd(), 'lib', 'jobs', 'worker-main.ts');

describe('npm run worker', () => {
  it('refuses to start in the embedded default, explaining why and what to set', () => {
    const { DATABASE_URL: _omit, ...env } = process.env;
    const run = spawnSync(tsx, [entry], { env: { ...env, DIC_DATA_DIR: '/tmp/dic-worker-refusal' }, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('npm run worker needs DATABASE_URL');
    expect(run.stderr).toContain('a second process must not open the same data folder');
  });
});

// A separate worker process only makes sense on PostgreSQL.
describe.each(testDatabaseKinds.filter((k) => k === 'postgres'))('a worker process on %s', (kind) => {
  let handle: DatabaseHandle;
  let boss: PgBoss;
  let worker: ChildProcess;
  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    worker = spawn(tsx, [entry], {
      env: {
        ...process.env, DATABASE_URL: handle.url, AUTH_SECRET: crypto.randomBytes(32).toString('base64'),
        DIC_ENCRYPTION_KEYS: `k1:${crypto.randomBytes(32).toString('base64')}`, LOG_LEVEL: 'warn',
      },
      stdio: 'inherit',
    });
    // The web side: sends jobs, works none.
    boss = createBoss(handle);
    await boss.start();
  });
  afterAll(async () => {
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker.once('exit', resolve));
    await boss.stop({ graceful: false, timeout: 500 });
    await handle.close();
  });

  it('works jobs sent by another process', async () => {
    await expect.poll(async () => Boolean(await boss.getQueue('maintenance.prune-sign-in-attempts')), { timeout: 30_000 }).toBe(true);
    await recordSignInAttempt(handle.db, 'email:old@x.test', false);
    await handle.db.execute(sql`update sign_in_attempts set created_at = now() - interval '3 days'`);
    const jobId = await sendJob(boss, 'maintenance.prune-sign-in-attempts', { olderThanHours: 24 });
    await expect.poll(async () => (await boss.getJobById('maintenance.prune-sign-in-attempts', jobId!))?.state, { timeout: 30_000, interval: 250 })
      .toBe('completed');
    expect(await selectRows(handle.db, sql`select key from sign_in_attempts`)).toEqual([]);
  });
});
