/**
 * `npm start`: builds once when no build exists, then serves on PORT (default 3000). Migrations, the job
 * queue and (in the embedded default) the worker start inside the server, from instrumentation.ts.
 * `npm run dev` (`--dev`) runs the development server instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dev = process.argv.includes('--dev');
const port = process.env.PORT ?? '3000';
const nextBin = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');

if (!dev && !fs.existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) {
  console.log('No build found: building the app once (this takes a few minutes)…');
  const build = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The server stops itself gracefully on SIGTERM (lib/runtime.ts), so Next must not exit at once on it.
// A young generation of at most 2 × 16 MB and an old one growing at most threefold past what it keeps, as for
// `npm run worker` (docs/decisions.md): the embedded worker runs sync runs in this process, and V8's defaults
// on a large machine hold well over 100 MB more for no measured gain.
const server = spawn(process.execPath, ['--max-semi-space-size=16', '--heap-growing-percent=200', nextBin, dev ? 'dev' : 'start', '--port', port], {
  stdio: 'inherit', env: { ...process.env, NEXT_MANUAL_SIG_HANDLE: 'true' },
});
// Passed on to the server; if it has not exited a little after its own deadline, it is killed.
const KILL_AFTER_MS = 30_000;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.kill(signal);
    setTimeout(() => server.kill('SIGKILL'), KILL_AFTER_MS).unref();
  });
}
server.on('exit', (code) => process.exit(code ?? 0));
