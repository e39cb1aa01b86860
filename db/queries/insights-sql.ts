import type { SQL } from 'drizzle-orm';
import type { Database } from '../client';

/**
 * Runs raw SQL and returns its rows. Both drivers answer `{ rows }`, but the shared `Database` type leaves
 * the result untyped, so the cast lives here once.
 */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
