import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from './client';

type TestDatabaseKind = 'pglite' | 'postgres';

/**
 * Which databases the database suites run against: PGlite always, PostgreSQL when TEST_DATABASE_URL is set.
 * TEST_DATABASE_KINDS=postgres narrows that to PostgreSQL, for a second pass after PGlite's already ran (CI).
 */
export const testDatabaseKinds: TestDatabaseKind[] = chooseTestDatabaseKinds(process.env.TEST_DATABASE_URL, process.env.TEST_DATABASE_KINDS);

function chooseTestDatabaseKinds(serverUrl: string | undefined, only: string | undefined): TestDatabaseKind[] {
  const available: TestDatabaseKind[] = serverUrl ? ['pglite', 'postgres'] : ['pglite'];
  if (!only) return available;
  const wanted = only.split(',').map((k) => k.trim());
  const unknown = wanted.filter((k) => k !== 'pglite' && k !== 'postgres');
  if (unknown.length) throw new Error(`TEST_DATABASE_KINDS has ${unknown.join(', ')}; use pglite, postgres or both, separated by commas.`);
  if (wanted.includes('postgres') && !serverUrl) throw new Error('TEST_DATABASE_KINDS asks for postgres: set TEST_DATABASE_URL too.');
  return available.filter((k) => wanted.includes(k));
}

/**
 * The migrated databases Vitest's global setup (test/global-setup.ts) leaves for the test files: on PostgreSQL a
 * database for CREATE DATABASE … TEMPLATE, on PGlite a data directory dumped to a file (PGlite's dumpDataDir),
 * which a new in-memory PGlite loads instead of running initdb: a quarter of the CPU time of starting empty, which
 * about forty test files pay. Without them (a bench, a script) each test database is initialised and migrated
 * from scratch; with them, a copy starts migrated and the migration on open only confirms that nothing is left
 * to apply.
 */
const POSTGRES_TEMPLATE_ENV = 'DIC_TEST_POSTGRES_TEMPLATE';
const PGLITE_TEMPLATE_ENV = 'DIC_TEST_PGLITE_TEMPLATE';

function serverUrlFor(database: string): string {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Waits (bounded) until no connection to a database is left. pool.end() resolves before its clients'
 * connections are gone: a template cannot be copied while connected to, and DROP … WITH (FORCE) would
 * terminate a client that is still ending, which raises that termination as an uncaught error.
 */
async function untilNoConnections(client: pg.Client, database: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { rows } = await client.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [database]);
    if (rows[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function dropDatabase(name: string): Promise<void> {
  await onServer(async (client) => {
    await untilNoConnections(client, name);
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}

/**
 * Before any test file runs: migrates one PGlite data directory and dumps it to a file, and when the suites run
 * on PostgreSQL one template database too. Their names go into process.env, which the test workers inherit.
 * Returns what removes them again.
 */
export async function prepareTestDatabaseTemplates(): Promise<() => Promise<void>> {
  const pgliteFile = path.join(os.tmpdir(), `dic-test-pglite-${crypto.randomBytes(6).toString('hex')}.tar`);
  const pglite = await openDatabase({ kind: 'pglite' });
  try {
    const dump = await pglite.pglite!.dumpDataDir('none');
    await fs.writeFile(pgliteFile, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pglite.close();
  }
  process.env[PGLITE_TEMPLATE_ENV] = pgliteFile;
  const removePglite = () => fs.rm(pgliteFile, { force: true });
  if (!testDatabaseKinds.includes('postgres')) return removePglite;
  const name = `dic_test_template_${crypto.randomBytes(6).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  await (await openDatabase({ kind: 'postgres', url: serverUrlFor(name), poolSize: 1 })).close();
  await onServer((client) => untilNoConnections(client, name));
  process.env[POSTGRES_TEMPLATE_ENV] = name;
  return async () => {
    await removePglite();
    await dropDatabase(name);
  };
}

/**
 * A fresh, migrated, empty database for one test file: in-memory PGlite, or a new database created on the
 * TEST_DATABASE_URL server and dropped again on close.
 */
export async function createTestDatabase(kind: TestDatabaseKind = 'pglite'): Promise<DatabaseHandle> {
  if (kind === 'pglite') {
    const template = process.env[PGLITE_TEMPLATE_ENV];
    return openDatabase({ kind: 'pglite', template: template ? new Blob([await fs.readFile(template)]) : undefined });
  }
  const name = `dic_test_${crypto.randomBytes(6).toString('hex')}`;
  const template = process.env[POSTGRES_TEMPLATE_ENV];
  await onServer((client) => client.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`));
  const handle = await openDatabase({ kind: 'postgres', url: serverUrlFor(name), poolSize: 4 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await dropDatabase(name);
    },
  };
}
