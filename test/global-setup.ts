import { prepareTestDatabaseTemplate } from '@/db/testing';

/**
 * Vitest global setup: on PostgreSQL, migrates one template database before the test files run, so each
 * file's fresh database is a copy of it instead of being migrated again (db/testing.ts).
 */
export default async function setup(): Promise<() => Promise<void>> {
  return prepareTestDatabaseTemplate();
}
