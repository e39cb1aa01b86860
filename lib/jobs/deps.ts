import type { PgBoss } from 'pg-boss';
import type { Database } from '@/db/client';
import { logger } from '@/lib/log';
import { getSalesforceSettings } from '@/lib/salesforce/app-settings';
import { createSalesforceClient } from '@/lib/salesforce/jsforce-client';
import type { JobDeps } from './handlers';

/** The job handlers' collaborators in a real process: the wall clock, the app logger, jsforce clients. */
export function createJobDeps(db: Database, boss: PgBoss, overrides: Partial<JobDeps> = {}): JobDeps {
  return {
    db, boss, clock: () => new Date(), log: logger,
    salesforceFor: async (workspaceId, accountId) => createSalesforceClient(db, await getSalesforceSettings(), workspaceId, accountId),
    ...overrides,
  };
}
