import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { selectRows } from '../client';
import { integrationRunBatches, integrationRunMatches, integrationSyncState, type FieldValues, type RunRowOutcome } from '../schema';

// A run's rows and an integration's sync state: outcomes, staged connector rows, the hashes Salesforce last
// accepted, and the keys a run has claimed. Scoped by a run the caller already claimed in its workspace, or by
// the integration; batches go in as one multi-row statement each.

/** A row of a run as the engine records it. */
export interface RunRowInput {
  key: string;
  userId: string;
  outcome: RunRowOutcome;
  recordIds?: string[];
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

/** The values hashes last accepted for these keys of an integration. */
export async function findSyncHashes(db: Database, integrationId: string, keys: string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await selectRows<{ key: string; hash: string }>(db, sql`
    select s.key, s.values_hash as hash from ${keyList(keys)}
    cross join lateral (select key, values_hash from integration_sync_state where integration_id = ${integrationId}::uuid and key = k.key limit 1) s`);
  return new Map(rows.map((r) => [r.key, r.hash]));
}

/** Advances the sync state of rows Salesforce accepted. */
export async function advanceSyncState(db: Database, params: { integrationId: string; workspaceId: string; runId: string; now: Date }, rows: Array<{ key: string; hash: string; recordIds: string[] }>): Promise<void> {
  for (const slice of slices(rows)) {
    await db.execute(sql`
      insert into integration_sync_state (integration_id, workspace_id, key, values_hash, record_ids, last_run_id, updated_at)
      select ${params.integrationId}::uuid, ${params.workspaceId}::uuid, x.key, x.hash, x.record_ids, ${params.runId}::uuid, ${params.now.toISOString()}::timestamptz
      from json_to_recordset(${JSON.stringify(slice.map((r) => ({ key: r.key, hash: r.hash, record_ids: r.recordIds })))}::json) as x(key text, hash text, record_ids jsonb)
      on conflict (integration_id, key) do update set values_hash = excluded.values_hash, record_ids = excluded.record_ids,
        last_run_id = excluded.last_run_id, updated_at = excluded.updated_at, push_count = integration_sync_state.push_count + 1`);
  }
}

/** A row a run will write, as staged in a batch: its key, report User ID, values hash and values. */
export interface StagedRow {
  key: string;
  userId: string;
  hash: string;
  values: FieldValues;
}

/** One staged batch as the write step reads it: the rows still to write start at `sent`. */
export interface StagedBatch {
  seq: number;
  sent: number;
  rows: StagedRow[];
}

/**
 * Stages one batch of rows to write: one table row holding the batch's rows as JSON text, written in the
 * report batch's own transaction (with its counts and checkpoint), instead of one table row per report row.
 */
export async function stageRunBatch(db: Database, runId: string, seq: number, rows: StagedRow[]): Promise<void> {
  const payload = JSON.stringify(rows.map((r) => [r.key, r.userId, r.hash, r.values]));
  await db.insert(integrationRunBatches).values({ runId, seq, rowCount: rows.length, payload })
    .onConflictDoUpdate({ target: [integrationRunBatches.runId, integrationRunBatches.seq], set: { rowCount: rows.length, sent: 0, payload } });
}

/** Staged batches of the run after `afterSeq`, in order (at most `limit`). */
export async function nextStagedBatches(db: Database, runId: string, afterSeq: number, limit: number): Promise<StagedBatch[]> {
  const rows = await db.select({ seq: integrationRunBatches.seq, sent: integrationRunBatches.sent, payload: integrationRunBatches.payload }).from(integrationRunBatches)
    .where(and(eq(integrationRunBatches.runId, runId), sql`${integrationRunBatches.seq} > ${afterSeq}`)).orderBy(integrationRunBatches.seq).limit(limit);
  return rows.map((r) => ({
    seq: r.seq, sent: r.sent,
    rows: (JSON.parse(r.payload) as Array<[string, string, string, FieldValues]>).map(([key, userId, hash, values]) => ({ key, userId, hash, values })),
  }));
}

/**
 * Marks staged rows as written and recorded, through row `sent` of batch `seq` (exclusive): batches before
 * it are deleted, and it is deleted too when `sent` reaches its end, else it keeps its offset.
 */
export async function markStagedRowsSent(db: Database, runId: string, through: { seq: number; sent: number }): Promise<void> {
  await db.delete(integrationRunBatches).where(and(eq(integrationRunBatches.runId, runId), sql`(${integrationRunBatches.seq} < ${through.seq} or (${integrationRunBatches.seq} = ${through.seq} and ${integrationRunBatches.rowCount} <= ${through.sent}))`));
  await db.update(integrationRunBatches).set({ sent: through.sent }).where(and(eq(integrationRunBatches.runId, runId), eq(integrationRunBatches.seq, through.seq)));
}

/** How many staged rows of a run were never written (a failed run's rows that go with the next run). */
export async function countUnsentRows(db: Database, workspaceId: string, runId: string): Promise<number> {
  const [row] = await selectRows<{ n: number | string }>(db, sql`
    select coalesce(sum(b.row_count - b.sent), 0)::int as n from integration_run_batches b join integration_runs x on x.id = b.run_id
    where b.run_id = ${runId}::uuid and x.workspace_id = ${workspaceId}::uuid`);
  return Number(row.n);
}

/**
 * Every key this run has already claimed, for a resumed attempt to find duplicates as the first attempt
 * did: keys of rows recorded with an outcome, of rows Salesforce accepted in this run, and of staged rows.
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
  let after = -1;
  for (;;) {
    const batches = await nextStagedBatches(db, params.runId, after, 20);
    if (batches.length === 0) return;
    for (const b of batches) yield b.rows.map((r) => r.key);
    after = batches[batches.length - 1].seq;
  }
}

/** Stores the records a Bulk key lookup read, with their key (no filter: see integrationRunMatches). */
export async function insertRunMatches(db: Database, runId: string, matches: Array<{ key: string; recordId: string }>): Promise<void> {
  for (const slice of slices(matches)) {
    await db.execute(sql`
      insert into integration_run_matches (run_id, key, record_id)
      select ${runId}::uuid, x.key, x.record_id from json_to_recordset(${JSON.stringify(slice.map((m) => ({ key: m.key, record_id: m.recordId })))}::json) as x(key text, record_id text)`);
  }
}

/**
 * The record ids the run's key lookup found for these keys: an index probe per key (`offset 0` keeps the
 * lateral subquery from being flattened into a join the planner could hash over all of the run's matches).
 */
export async function findRunMatches(db: Database, runId: string, keys: string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (keys.length === 0) return found;
  const rows = await selectRows<{ key: string; record_id: string }>(db, sql`
    select k.key, m.record_id from ${keyList(keys)}
    cross join lateral (select record_id from integration_run_matches where run_id = ${runId}::uuid and key = k.key offset 0) m`);
  for (const r of rows) {
    const list = found.get(r.key);
    if (list) { if (!list.includes(r.record_id)) list.push(r.record_id); } else found.set(r.key, [r.record_id]);
  }
  return found;
}

/** Forgets the sync state of an integration (the next run sends every row). */
export async function clearSyncState(db: Database, params: { workspaceId: string; integrationId: string }): Promise<void> {
  await db.delete(integrationSyncState).where(and(eq(integrationSyncState.workspaceId, params.workspaceId), eq(integrationSyncState.integrationId, params.integrationId)));
}

/**
 * Drops what an integration's finished runs other than `keepRunId` no longer need: their `updated` rows
 * (connector runs record them; the sync state holds what was pushed, and a run's log shows its counts and
 * its rejected and unmatched rows, which stay) and the staged batches a failed run never wrote. Without
 * this a daily run of a large report would add a row per record every day.
 */
export async function pruneSettledRunRows(db: Database, params: { workspaceId: string; integrationId: string; keepRunId: string }): Promise<void> {
  await db.execute(sql`
    delete from integration_run_rows r using integration_runs x
    where x.id = r.run_id and x.workspace_id = ${params.workspaceId}::uuid and x.integration_id = ${params.integrationId}::uuid
      and x.id <> ${params.keepRunId}::uuid and x.status in ('completed', 'failed') and r.outcome = 'updated'`);
  await db.execute(sql`
    delete from integration_run_batches b using integration_runs x
    where x.id = b.run_id and x.workspace_id = ${params.workspaceId}::uuid and x.integration_id = ${params.integrationId}::uuid
      and x.id <> ${params.keepRunId}::uuid and x.status in ('completed', 'failed')`);
}

/** Forgets a run's matches (before a fresh lookup, and once the run is over). */
export async function deleteRunMatches(db: Database, runId: string): Promise<void> {
  await db.delete(integrationRunMatches).where(eq(integrationRunMatches.runId, runId));
}

/** A pending row with the payload to write and the record ids its key resolved to. */
export interface PendingWrite {
  key: string;
  userId: string;
  values: FieldValues;
  valuesHash: string;
  recordIds: string[];
}

/**
 * The next pending rows in key order, each with its matched record ids (empty: no match). The matches come
 * from one range scan of the matches table's primary key over the batch's first to last key, instead of a
 * subquery per row.
 */
export async function nextPendingWrites(db: Database, runId: string, after: string | null, limit: number): Promise<PendingWrite[]> {
  const rows = await selectRows<{ key: string; user_id: string; values: FieldValues | string; values_hash: string }>(db, sql`
    select r.key, r.user_id, r."values", r.values_hash from integration_run_rows r
    where r.run_id = ${runId}::uuid and r.outcome = 'pending' ${after === null ? sql`` : sql`and r.key > ${after}`}
    order by r.key limit ${limit}`);
  if (rows.length === 0) return [];
  const matches = await selectRows<{ key: string; record_id: string }>(db, sql`
    select m.key, m.record_id from integration_run_matches m
    where m.run_id = ${runId}::uuid and m.key >= ${rows[0].key} and m.key <= ${rows[rows.length - 1].key}`);
  const ids = new Map<string, string[]>();
  for (const m of matches) {
    const list = ids.get(m.key);
    if (list) list.push(m.record_id);
    else ids.set(m.key, [m.record_id]);
  }
  return rows.map((r) => ({
    key: r.key, userId: r.user_id, values: typeof r.values === 'string' ? JSON.parse(r.values) as FieldValues : r.values,
    valuesHash: r.values_hash, recordIds: (ids.get(r.key) ?? []).sort(),
  }));
}
