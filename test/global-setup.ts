import { prepareTestDatabaseTemplates } from '@/db/testing';

/**
 * Vitest global setup: migrates one PGlite data directory (and, on PostgreSQL, one template database) before the
 * test files run, so each file's fresh database is a copy of it instead of being set up again (db/testing.ts).
 */
export default async function setup(): Promise<() => Promise<void>> {
  return prepareTestDatabaseTemplates();
}
