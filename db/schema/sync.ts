import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { integrationRuns, integrations, type ColumnFieldPair, type DestinationKind, type RowFilter } from './integrations';

/**
 * The integration as a run took it when it first started: later edits do not change a run in progress,
 * and a resumed run carries on with exactly this.
 */
export interface IntegrationSnapshot {
  version: number;
  accountId: string | null;
  reportId: string;
  objectName: string | null;
  keys: ColumnFieldPair[];
  mappings: ColumnFieldPair[];
  /** Connector destinations (absent on runs recorded before they existed: Salesforce). */
  destinationKind?: DestinationKind;
  actionId?: string | null;
  filters?: RowFilter[];
  sendUnchanged?: boolean;
}

export const RUN_ROW_OUTCOMES = ['pending', 'updated', 'rejected', 'no_match'] as const;
/** What happened to one report row in a run; `pending` rows are staged for writing and not yet sent. */
export type RunRowOutcome = (typeof RUN_ROW_OUTCOMES)[number];

/** Salesforce field values of one row as the engine will write them (converted and validated). */
export type FieldValues = Record<string, string | number | boolean | null>;

/**
 * One report row's outcome in one run, unique on (run, key) so a batch replayed after a crash overwrites
 * instead of duplicating. Salesforce runs record only the rows that were not written (rejected, no match):
 * unchanged rows are counted only, and an accepted row's outcome is its sync state (last_run_id). Connector
 * runs stage their rows here as `pending`, `values` holding the payload until the row has its outcome.
 */
export const integrationRunRows = pgTable('integration_run_rows', {
  runId: uuid('run_id').notNull().references(() => integrationRuns.id, { onDelete: 'cascade' }),
  /** The run's workspace, for scoped reads. No foreign key of its own: the run's cascades from the workspace, and a second check per row made staging a third slower. */
  workspaceId: uuid('workspace_id').notNull(),
  /** The row's key: the key columns' normalised values, joined by U+001F for composite keys. */
  key: text('key').notNull(),
  /** The report's User ID of the row: the stream order, so a resume knows where it stands. */
  userId: text('user_id').notNull(),
  outcome: text('outcome').$type<RunRowOutcome>().notNull(),
  recordIds: jsonb('record_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  values: jsonb('values').$type<FieldValues>(),
  valuesHash: text('values_hash'),
  /** Salesforce field (or report column) the error is about, when known. */
  field: text('field'),
  errorCode: text('error_code'),
  message: text('message'),
  fix: text('fix'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.runId, t.key] }),
  // The log's rejected and no-match rows in key order. Partial: staged and updated rows (nearly all of a large
  // run) are not in it, so staging and settling them cost one index entry less; the engine's scans of
  // pending rows walk the primary key.
  index('integration_run_rows_problems_idx').on(t.runId, t.key).where(sql`${t.outcome} in ('rejected', 'no_match')`),
]);

/**
 * Per integration and key: the hash of the values Salesforce last accepted (the mapping's fingerprint is part
 * of it, so a mapping change resends everything), the record ids and the run that pushed them.
 */
export const integrationSyncState = pgTable('integration_sync_state', {
  integrationId: uuid('integration_id').notNull().references(() => integrations.id, { onDelete: 'cascade' }),
  /** No foreign key (nor on last_run_id): the integration's cascades from the workspace, only queued runs (which push nothing) are ever deleted, and each check cost a lookup per row pushed. */
  workspaceId: uuid('workspace_id').notNull(),
  key: text('key').notNull(),
  valuesHash: text('values_hash').notNull(),
  recordIds: jsonb('record_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  lastRunId: uuid('last_run_id'),
  pushCount: integer('push_count').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  /** The report's User ID whose row the hash is of (null: recorded before runs tracked it). */
  userId: text('user_id'),
  /**
   * When that row next changes with no new data (a login leaving the 30-day window), as of the run that
   * computed it; null: never. A later run reads the row again from then on.
   */
  validUntil: timestamp('valid_until', { withTimezone: true }),
}, (t) => [primaryKey({ columns: [t.integrationId, t.key] })]);
