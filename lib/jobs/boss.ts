import { PgBoss, fromPglite, type ConstructorOptions } from 'pg-boss';
import type { DatabaseHandle } from '@/db/client';
import { logger } from '@/lib/log';

/**
 * A pg-boss instance on the app's own database: the PGlite adapter when embedded, a pool on PostgreSQL.
 * `options` adjusts pg-boss's timers (tests shorten the cron and monitor intervals).
 */
export function createBoss(handle: DatabaseHandle, options: Partial<ConstructorOptions> = {}): PgBoss {
  const boss = handle.kind === 'pglite'
    ? new PgBoss({ db: fromPglite(handle.pglite!), backend: 'pglite', ...options })
    : new PgBoss({ connectionString: handle.url!, max: 4, ...options });
  boss.on('error', (error: unknown) => logger.error({ err: error }, 'pg-boss error'));
  return boss;
}
