import { getConfig } from '@/lib/config';
import { openDatabase, type Database, type DatabaseHandle } from '@/db/client';

export type { Database, DatabaseHandle } from '@/db/client';

// Next.js bundles route handlers, pages and instrumentation separately, so a module-level variable would
// exist once per bundle. The handle lives on globalThis so the process opens the database exactly once.
const globalForDb = globalThis as unknown as { __dicDatabase?: Promise<DatabaseHandle> };

/** The process-wide database: PostgreSQL when DATABASE_URL is set, else PGlite in the data folder. */
export function getDatabaseHandle(): Promise<DatabaseHandle> {
  globalForDb.__dicDatabase ??= (() => {
    const config = getConfig();
    const opening = config.DATABASE_URL
      ? openDatabase({ kind: 'postgres', url: config.DATABASE_URL })
      : openDatabase({ kind: 'pglite', dataDir: config.dataDir });
    opening.catch(() => { globalForDb.__dicDatabase = undefined; });
    return opening;
  })();
  return globalForDb.__dicDatabase;
}

/** The drizzle database for queries. */
export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}
