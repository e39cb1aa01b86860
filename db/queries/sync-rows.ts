import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { selectRows } from '../client';
import { integrationRuns, integrationSyncState, type FieldValues, type RunRowOutcome } from '../schema';

// A run's rows and an integration's sync state: outcomes, staged connector rows, the hashes Salesforce last
// accepted, and the keys a run has claimed. Scoped by a run the caller already claimed in its workspace, or by
// the integration; batches go in as one multi-row statement each.

/** A row of a run as the engine records it. */
export interface RunRowInput {
  key: string;
  userId: string;
  outcome: RunRowOutcome;
  recordIds?: readonly string[];
  values?: FieldValues | null;
  valuesHash?: string | null;
  field?: string | null;
  errorCode?: string | null;
  message?: string | null;
  fix?: string | null;
}

/**
 * Rows per statement. Batches go in as one JSON parameter expanded by json_to_recordset: building a
 * 20,000-row multi-row VALUES list cost drizzle more CPU than the run's whole Salesforce traffic, and
 * PostgreSQL allows at most 65,535 parameters a statement.
 */
const ROWS_PER_STATEMENT = 5_000;

function slices<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) out.push(rows.slice(i, i + ROWS_PER_STATEMENT));
  return out;
}

/** Run rows as json_to_recordset reads them (see RUN_ROW_COLUMNS). */
const runRowJson = (rows: RunRowInput[]) => JSON.stringify(rows.map((r) => ({
  key: r.key, user_id: r.userId, outcome: r.outcome, record_ids: r.recordIds ?? [], values: r.values ?? null,
  values_hash: r.valuesHash ?? null, field: r.field ?? null, error_code: r.errorCode ?? null, message: r.message ?? null, fix: r.fix ?? null,
})));

const runRowsFrom = (runId: string, workspaceId: string, rows: RunRowInput[], now: Date) => sql`
  insert into integration_run_rows (run_id, workspace_id, key, user_id, outcome, record_ids, "values", values_hash, field, error_code, message, fix, updated_at)
  select ${runId}::uuid, ${workspaceId}::uuid, x.key, x.user_id, x.outcome, x.record_ids, x."values", x.values_hash, x.field, x.error_code, x.message, x.fix, ${now.toISOString()}::timestamptz
  from json_to_recordset(${runRowJson(rows)}::json) as x(key text, user_id text, outcome text, record_ids jsonb, "values" jsonb, values_hash text, field text, error_code text, message text, fix text)`;

/**
 * Keys as one parameter, as a relation `k(key)`. Lookups join it LATERAL with LIMIT 1 (keys are unique), which keeps one primary-key probe per key: a
 * plain join let the planner (with no statistics yet on a run's freshly written rows) hash-join against
 * every pending row of the run for each page of keys, which made key resolution quadratic at 1,000,000 rows.
 */
const keyList = (keys: string[]) => sql`json_array_elements_text(${JSON.stringify(keys)}::json) as k(key)`;

/**
 * Stages rows to write as `pending`. A key already staged by the same User ID (a batch replayed after a
 * crash) is overwritten; a key staged by another report row is left alone and returned as a duplicate.
 */
export async function stagePendingRows(db: Database, runId: string, workspaceId: string, rows: RunRowInput[], now: Date): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const staged = new Set<string>();
  for (const slice of slices(rows)) {
    const written = await selectRows<{ key: string }>(db, sql`${runRowsFrom(runId, workspaceId, slice, now)}
      on conflict (run_id, key) do update set outcome = excluded.outcome, "values" = excluded."values", values_hash = excluded.values_hash, updated_at = excluded.updated_at
      where integration_run_rows.user_id = excluded.user_id and integration_run_rows.outcome = 'pending'
      returning key`);
    for (const w of written) staged.add(w.key);
  }
  return new Set(rows.filter((r) => !staged.has(r.key)).map((r) => r.key));
}

/** Records final outcomes (idempotent on run and key); the staged payload is dropped. */
export async function recordRunRows(db: Database, runId: string, workspaceId: string, rows: RunRowInput[], now: Date): Promise<void> {
  for (const slice of slices(rows)) {
    await db.execute(sql`${runRowsFrom(runId, workspaceId, slice, now)}
      on conflict (run_id, key) do update set outcome = excluded.outcome, record_ids = excluded.record_ids, "values" = null, field = excluded.field,
        error_code = excluded.error_code, message = excluded.message, fix = excluded.fix, updated_at = excluded.updated_at`);
  }
}

/** What the sync state holds for a key: the hash Salesforce last accepted, whose row it is and until when it holds. */
export interface SyncStateEntry {
  hash: string;
  userId: string | null;
  /** Epoch milliseconds; null: the row never changes with time alone. */
  validUntil: number | null;
}

/** The sync state of these keys of an integration. */
export async function findSyncStates(db: Database, integrationId: string, keys: string[]): Promise<Map<string, SyncStateEntry>> {
  if (keys.length === 0) return new Map();
  const rows = await selectRows<{ key: string; hash: string; user_id: string | null; valid_until: number | string | null }>(db, sql`
    select s.key, s.values_hash as hash, s.user_id, (extract(epoch from s.valid_until) * 1000)::float8 as valid_until from ${keyList(keys)}
    cross join lateral (select key, values_hash, user_id, valid_until from integration_sync_state where integration_id = ${integrationId}::uuid and key = k.key limit 1) s`);
  return new Map(rows.map((r) => [r.key, { hash: r.hash, userId: r.user_id, validUntil: r.valid_until === null ? null : Number(r.valid_until) }]));
}

/** Whether the integration has any sync state (a run accepted a row, and it was not cleared since). */
export async function hasSyncState(db: Database, integrationId: string): Promise<boolean> {
  const rows = await selectRows<{ one: number }>(db, sql`select 1 as one from integration_sync_state where integration_id = ${integrationId}::uuid limit 1`);
  return rows.length > 0;
}

/** The values hashes last accepted for these keys of an integration. */
export async function findSyncHashes(db: Database, integrationId: string, keys: string[]): Promise<Map<string, string>> {
  const states = await findSyncStates(db, integrationId, keys);
  return new Map([...states].map(([key, state]) => [key, state.hash]));
}

/** A row Salesforce (or a connector) accepted: its key, values hash and records, and whose row it is. */
export interface AcceptedRow {
  key: string;
  hash: string;
  recordIds: readonly string[];
  userId?: string;
  /** Epoch milliseconds when the row next changes with time (null: never). */
  validUntil?: number | null;
}

/**
 * Advances the sync state of rows Salesforce accepted. `fresh`: the integration had no sync state when the
 * run began and the run claims each key once, so no key can exist yet: plain inserts (a quarter cheaper than
 * an upsert's speculative insertion); a key that does exist fails the chunk's transaction rather than pass.
 */
export async function advanceSyncState(db: Database, params: { integrationId: string; workspaceId: string; runId: string; now: Date; fresh?: boolean }, rows: AcceptedRow[]): Promise<void> {
  const upsert = params.fresh ? sql`` : sql`
      on conflict (integration_id, key) do update set values_hash = excluded.values_hash, record_ids = excluded.record_ids,
        last_run_id = excluded.last_run_id, updated_at = excluded.updated_at, push_count = integration_sync_state.push_count + 1,
        user_id = excluded.user_id, valid_until = excluded.valid_until`;
  for (const slice of slices(rows)) {
    // Plain text and numbers in the JSON (record ids joined by commas, times in epoch milliseconds): PostgreSQL
    // parses them in half the time of a nested array and timestamp text.
    const json = JSON.stringify(slice.map((r) => ({ k: r.key, h: r.hash, r: r.recordIds.join(','), u: r.userId ?? null, v: r.validUntil ?? null })));
    await db.execute(sql`
      insert into integration_sync_state (integration_id, workspace_id, key, values_hash, record_ids, last_run_id, updated_at, user_id, valid_until)
      select ${params.integrationId}::uuid, ${params.workspaceId}::uuid, x.k, x.h, to_jsonb(string_to_array(x.r, ',')), ${params.runId}::uuid, ${params.now.toISOString()}::timestamptz,
        x.u, to_timestamp(x.v / 1000)
      from json_to_recordset(${json}::json) as x(k text, h text, r text, u text, v float8)${upsert}`);
  }
}

/** An unchanged row whose sync state names another User ID or another time it holds until. */
export interface SyncStateTouch {
  key: string;
  userId: string;
  validUntil: number | null;
}

/** Brings the sync state of unchanged rows up to date: whose row it is and until when (the hash stays). */
export async function touchSyncState(db: Database, integrationId: string, rows: SyncStateTouch[]): Promise<void> {
  for (const slice of slices(rows)) {
    const json = JSON.stringify(slice.map((r) => ({ k: r.key, u: r.userId, v: r.validUntil })));
    await db.execute(sql`
      update integration_sync_state s set user_id = x.u, valid_until = to_timestamp(x.v / 1000)
      from json_to_recordset(${json}::json) as x(k text, u text, v float8)
      where s.integration_id = ${integrationId}::uuid and s.key = x.k`);
  }
}

/** What an incremental run reads again, relative to the run it builds on (lib/sync/incremental.ts). */
export interface RereadParams {
  workspaceId: string;
  integrationId: string;
  /** The run it builds on: its watermark, as-of time and rows left unaccepted. */
  base: { runId: string; watermark: string; asOf: Date };
  asOf: Date;
  /** Only User IDs after this one (a resumed attempt). */
  after: string | null;
  /** Give up past this many (null is returned: reading everything is cheaper); null: no limit. */
  limit: number | null;
}

/**
 * The User IDs (in the report's order) whose rows may differ from what the base run left: end users
 * changed by a transaction the base's watermark (its snapshot) does not see as committed, or with an event
 * dated after the base's as-of time; rows whose accepted values are due to change by `asOf`; and rows the
 * base run did not get accepted (rejected, no match). Null when there are more than `limit`. The caller checked the workspace and
 * integration.
 */
export async function userIdsToReread(db: Database, params: RereadParams): Promise<string[] | null> {
  const { base } = params;
  const after = params.after === null ? sql`` : sql` where x.user_id > ${params.after}::text`;
  const rows = await selectRows<{ user_id: string }>(db, sql`
    select x.user_id from (
      select eu.user_id from insights_end_users eu
      where eu.workspace_id = ${params.workspaceId}::uuid and (not pg_visible_in_snapshot(eu.changed_xid, ${base.watermark}::pg_snapshot) or eu.last_seen_at > ${base.asOf.toISOString()}::timestamptz)
      union
      select s.user_id from integration_sync_state s
      where s.integration_id = ${params.integrationId}::uuid and s.valid_until <= ${params.asOf.toISOString()}::timestamptz and s.user_id is not null
      union
      select r.user_id from integration_run_rows r where r.run_id = ${base.runId}::uuid and r.outcome in ('rejected', 'no_match')
    ) x${after}
    order by x.user_id${params.limit === null ? sql`` : sql` limit ${params.limit + 1}`}`);
  return params.limit !== null && rows.length > params.limit ? null : rows.map((r) => r.user_id);
}

/**
 * Every key this run has already claimed, for a resumed attempt to find duplicates as the first attempt
 * did: keys of rows recorded with an outcome, and of rows Salesforce accepted in this run.
 */
export async function* claimedRunKeys(db: Database, params: { runId: string; integrationId: string }): AsyncGenerator<string[]> {
  const page = 10_000;
  for (const table of [sql`integration_run_rows where run_id = ${params.runId}::uuid`, sql`integration_sync_state where integration_id = ${params.integrationId}::uuid and last_run_id = ${params.runId}::uuid`]) {
    let last: string | null = null;
    for (;;) {
      const rows: Array<{ key: string }> = await selectRows<{ key: string }>(db, sql`select key from ${table} ${last === null ? sql`` : sql`and key > ${last}`} order by key limit ${page}`);
      if (rows.length > 0) yield rows.map((r) => r.key);
      if (rows.length < page) break;
      last = rows[rows.length - 1].key;
    }
  }
}

/** Forgets the sync state of an integration: the next run reads and sends every row. */
export async function clearSyncState(db: Database, params: { workspaceId: string; integrationId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(integrationSyncState).where(and(eq(integrationSyncState.workspaceId, params.workspaceId), eq(integrationSyncState.integrationId, params.integrationId)));
    // No earlier run can be built on any more.
    await tx.update(integrationRuns).set({ basis: null }).where(and(eq(integrationRuns.workspaceId, params.workspaceId), eq(integrationRuns.integrationId, params.integrationId)));
  });
}

/**
 * Drops what an integration's finished runs other than `keepRunId` no longer need: their `updated` rows
 * (connector runs record them; the sync state holds what was pushed, and a run's log shows its counts and
 * its rejected and unmatched rows, which stay). Without this a daily connector run of a large report would
 * add a row per record every day.
 */
export async function pruneSettledRunRows(db: Database, params: { workspaceId: string; integrationId: string; keepRunId: string }): Promise<void> {
  await db.execute(sql`
    delete from integration_run_rows r using integration_runs x
    where x.id = r.run_id and x.workspace_id = ${params.workspaceId}::uuid and x.integration_id = ${params.integrationId}::uuid
      and x.id <> ${params.keepRunId}::uuid and x.status in ('completed', 'failed') and r.outcome = 'updated'`);
}

/** A connector run's pending row with the payload to send. */
export interface PendingWrite {
  key: string;
  userId: string;
  values: FieldValues;
  valuesHash: string;
}

/** The next pending rows of a connector run in key order. */
export async function nextPendingWrites(db: Database, runId: string, after: string | null, limit: number): Promise<PendingWrite[]> {
  const rows = await selectRows<{ key: string; user_id: string; values: FieldValues | string; values_hash: string }>(db, sql`
    select r.key, r.user_id, r."values", r.values_hash from integration_run_rows r
    where r.run_id = ${runId}::uuid and r.outcome = 'pending' ${after === null ? sql`` : sql`and r.key > ${after}`}
    order by r.key limit ${limit}`);
  return rows.map((r) => ({
    key: r.key, userId: r.user_id, values: typeof r.values === 'string' ? JSON.parse(r.values) as FieldValues : r.values, valuesHash: r.values_hash,
  }));
}
