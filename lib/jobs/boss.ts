import { PgBoss, fromPglite } from 'pg-boss';
import type { DatabaseHandle } from '@/db/client';
import { logger } from '@/lib/log';

/** A pg-boss instance on the app's own database: the PGlite adapter when embedded, a pool on PostgreSQL. */
export function createBoss(handle: DatabaseHandle): PgBoss {
  const boss = handle.kind === 'pglite'
    ? new PgBoss({ db: fromPglite(handle.pglite!), backend: 'pglite' })
    : new PgBoss({ connectionString: handle.url!, max: 4 });
  boss.on('error', (error: unknown) => logger.error({ err: error }, 'pg-boss error'));
  return boss;
}
