import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';

/** Starts the server's runtime (database, pg-boss, worker, demo org) in a real child process, as instrumentation.ts does. */
function startServerRuntime(dataDir: string) {
  const script = `import { startRuntime } from './lib/runtime.ts';
    await startRuntime({ handleSignals: true });
    console.log('READY');`;
  const env: NodeJS.ProcessEnv = {
    ...process.env, DIC_DATA_DIR: dataDir, DIC_DEMO_SALESFORCE_PORT: '0', DIC_DEMO_CONNECTORS: 'false', LOG_LEVEL: 'info',
  };
  delete env.DATABASE_URL;
  // Node itself, not the tsx command: the signal goes straight to the process under test, not through a relay.
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += String(chunk); });
  child.stderr.on('data', (chunk) => { output += String(chunk); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => { if (output.includes('READY')) { clearInterval(timer); resolve(); } }, 100);
    void exited.then(() => { clearInterval(timer); reject(new Error(`runtime exited before it was ready:\n${output}`)); });
  });
  return { child, ready, exited, output: () => output };
}

describe('graceful shutdown', () => {
  it('on SIGTERM the server stops taking jobs, closes the database and exits 0, leaving the folder free', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dic-shutdown-'));
    const server = startServerRuntime(dataDir);
    await server.ready;
    expect(fs.existsSync(path.join(dataDir, 'dic.lock'))).toBe(true);
    server.child.kill('SIGTERM');
    const { code, signal } = await server.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('server stopped');
    // The lock went with the process, and PGlite closed cleanly: the folder opens again with its data.
    expect(fs.existsSync(path.join(dataDir, 'dic.lock'))).toBe(false);
    const again = await openDatabase({ kind: 'pglite', dataDir });
    await again.close();
  }, 120_000);
});
