import crypto from 'node:crypto';
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
 * A fresh, migrated, empty database for one test file: in-memory PGlite, or a new database created on the
 * TEST_DATABASE_URL server and dropped again on close.
 */
export async function createTestDatabase(kind: TestDatabaseKind = 'pglite'): Promise<DatabaseHandle> {
  if (kind === 'pglite') return openDatabase({ kind: 'pglite' });
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `dic_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      // pool.end() resolves before its clients' connections are gone; FORCE would then terminate them, and a
      // client that is ending raises that termination as an uncaught error. Let them go first (bounded).
      for (let i = 0; i < 100; i++) {
        const { rows } = await dropper.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
