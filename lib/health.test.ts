import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { createBoss } from '@/lib/jobs/boss';
import type { Runtime } from '@/lib/runtime';
import { checkHealth } from './health';

describe('health check', () => {
  let handle: DatabaseHandle;
  let runtime: Runtime;
  beforeAll(async () => {
    handle = await createTestDatabase('pglite');
    const boss = createBoss(handle);
    await boss.start();
    runtime = { handle, boss, workerRunning: true };
  });
  afterAll(async () => {
    await runtime.boss.stop({ graceful: false, timeout: 500 }).catch(() => {});
  });

  it('reports both parts up', async () => {
    const health = await checkHealth(async () => runtime);
    expect(health).toEqual({ ok: true, database: { status: 'up', kind: 'pglite' }, queue: { status: 'up', worker: true } });
  });

  it('reports down, with the reason, when the runtime cannot start', async () => {
    const health = await checkHealth(async () => { throw new Error('The embedded database folder .data is already open in process 7.'); });
    expect(health.ok).toBe(false);
    expect(health.database).toEqual({ status: 'down', error: 'The embedded database folder .data is already open in process 7.' });
  });

  it('reports the database and queue down once the database is closed', async () => {
    await runtime.boss.stop({ graceful: false, timeout: 500 });
    await handle.close();
    const health = await checkHealth(async () => runtime);
    expect(health.ok).toBe(false);
    expect(health.database.status).toBe('down');
    expect(health.queue.status).toBe('down');
  });
});
