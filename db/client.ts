import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema';
import { acquireFolderLock, type FolderLock } from './folder-lock';
import { makeDataFolderPrivate, restrictTree } from './data-folder';

export type Schema = typeof schema;
/** The drizzle database, whichever driver is underneath. Queries take it as their first argument. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/** An open database with what is needed to close it, and the raw driver for pg-boss. */
export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  pglite?: PGlite;
  pool?: pg.Pool;
  /** The connection string, when PostgreSQL. */
  url?: string;
  /** Where the embedded data lives, when embedded. */
  dataDir?: string;
  close(): Promise<void>;
}

/**
 * PostgreSQL by URL, or PGlite in a data folder or in memory. An in-memory PGlite may start from `template`, a data
 * directory dumped by PGlite's dumpDataDir (tests: db/testing.ts), instead of running initdb.
 */
export type DatabaseTarget = { kind: 'postgres'; url: string; poolSize?: number } | { kind: 'pglite'; dataDir?: string; template?: Blob };

const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

/** Opens (and migrates) a database. PGlite folders are locked to one process; a second opener is refused. */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    // An idle connection the server closes (restart, failover, a test's DROP DATABASE ... FORCE) is reported
    // here; the pool has already discarded it and the next query opens a new one, so it must not crash the process.
    pool.on('error', () => {});
    const db = drizzlePg(pool, { schema }) as unknown as Database;
    await migratePg(db as never, { migrationsFolder });
    return { db, kind: 'postgres', pool, url: target.url, close: () => pool.end() };
  }
  let lock: FolderLock | undefined;
  if (target.dataDir) {
    makeDataFolderPrivate(target.dataDir);
    lock = acquireFolderLock(target.dataDir);
  }
  try {
    const pglite = target.dataDir ? new PGlite(path.join(target.dataDir, 'pgdata')) : new PGlite({ loadDataDir: target.template });
    await pglite.waitReady;
    const db = drizzlePglite(pglite, { schema }) as unknown as Database;
    await migratePglite(db as never, { migrationsFolder });
    if (target.dataDir) restrictTree(target.dataDir);
    return {
      db, kind: 'pglite', pglite, dataDir: target.dataDir,
      close: async () => { await pglite.close(); lock?.release(); },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** Runs raw SQL and returns its rows, typed by the caller (both drivers answer `{ rows }`). */
export async function selectRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
