import crypto from 'node:crypto';
import type { Database } from '@/db/client';
import { userIdsToReread } from '@/db/queries/sync-rows';
import { latestReadingRuns, type BaseRun } from '@/db/queries/sync-runs';
import { reportFingerprint } from '@/lib/insights/report-rows';

/*
 * Incremental reads. A report row is a function of its end user's data (events, e-mail) and of the run's "as
 * of" time, and the time matters only where an event is dated after it or a "last N days" window loses an
 * event. So a run can build on the last completed run B that read with the same mapping and report
 * definition: a row can differ from what B left only if
 *  - its end user was changed by a transaction B's read may not have seen (insights_end_users.changed_xid
 *    not committed in B's watermark, the snapshot B took before reading: ingestion, a CSV import, demo
 *    data removed),
 *  - its end user has an event dated after B's as-of time (last_seen_at),
 *  - the accepted values are due to change with time by now (integration_sync_state.valid_until), or
 *  - B did not get it accepted (its rejected and no-match rows).
 * Those end users are read again; every other row is unchanged and counted as such without being read.
 */

/** Above this many end users to read again, the run reads the whole report (holding the list costs more). */
export const MAX_REREAD_USERS = 200_000;

/** Runs looked through for a base: failed runs after the last completed one are skipped over. */
const BASE_SEARCH_RUNS = 20;

/** The run a resumed attempt keeps building on, saved in the run's checkpoint. */
export interface ReadBase {
  runId: string;
  asOf: string;
  watermark: string;
  /** Rows counted unchanged without being read. */
  carried: number;
}

/** What a run reads with: its mapping's fingerprint and the report's definition. Equal bases are comparable. */
export async function runBasis(db: Database, workspaceId: string, reportId: string, mappingFingerprint: string): Promise<string> {
  const report = await reportFingerprint(db, workspaceId, reportId);
  return crypto.createHash('sha256').update(`${mappingFingerprint}\u0000${report}`).digest('base64url').slice(0, 22);
}

/**
 * The run to build on: the latest completed one, looking past failed runs that read with the same basis
 * (what they wrote is in the sync state) or stopped before reading (they wrote nothing). Null when a run read
 * with another basis since, or there is none: every row is read.
 */
export async function findReadBase(db: Database, params: { integrationId: string; runId: string; basis: string }): Promise<BaseRun | null> {
  for (const run of await latestReadingRuns(db, { ...params, limit: BASE_SEARCH_RUNS })) {
    if (run.basis === null) {
      if (run.status === 'failed') continue;
      return null;
    }
    if (run.basis !== params.basis) return null;
    if (run.status === 'completed') return run;
  }
  return null;
}

/** The User IDs to read again after `after` (see the top of this file); null when there are too many. */
export function usersToReread(db: Database, params: { workspaceId: string; integrationId: string; base: ReadBase; asOf: Date; after: string | null; limit?: number }): Promise<string[] | null> {
  return userIdsToReread(db, {
    workspaceId: params.workspaceId, integrationId: params.integrationId, asOf: params.asOf, after: params.after, limit: params.limit ?? null,
    base: { runId: params.base.runId, watermark: params.base.watermark, asOf: new Date(params.base.asOf) },
  });
}
