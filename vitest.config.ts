import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: { '@': fileURLToPath(new URL('.', import.meta.url)), 'server-only': fileURLToPath(new URL('./test/server-only-stub.ts', import.meta.url)) },
  },
  test: {
    environment: 'node',
    // On PostgreSQL, a migrated template database built once and copied per test file (db/testing.ts).
    globalSetup: ['./test/global-setup.ts'],
    include: ['**/*.test.ts'],
    // A suite that needs a PostgreSQL server and nothing else (*.postgres.test.ts) would hold no test without one,
    // which Vitest fails: it runs when TEST_DATABASE_URL names a server (as in CI), like the PostgreSQL
    // halves of the other database suites.
    exclude: ['node_modules/**', 'e2e/**', '.next/**', '.data/**', ...(process.env.TEST_DATABASE_URL ? [] : ['**/*.postgres.test.ts'])],
    // Generous: a database test opens PGlite (WebAssembly, initdb, migrations) and some start child processes;
    // on a busy 2-core machine that alone has taken 40 s. No test asserts on time, so this only avoids false reds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    // Three files at a time on two cores: some suites mostly wait on the clock (a pg-boss heartbeat running
    // out, the next cron minute, a child process), and a third file keeps both cores busy meanwhile.
    maxWorkers: 3,
  },
});
