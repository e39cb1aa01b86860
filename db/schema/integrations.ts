import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { connectorActions } from './connectors';
import { salesforceAccounts } from './salesforce';
import type { IntegrationSnapshot } from './sync';
import { users, workspaces } from './workspaces';

/** Where an integration sends its rows. Salesforce first; connectors add their own kinds. */
export const DESTINATION_KINDS = ['salesforce', 'qualtrics', 'action'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

/** A report column matched to a Salesforce field (or, for connector destinations, a payload key). */
export interface ColumnFieldPair {
  column: string;
  field: string;
}

/** Only rows matching every condition are sent (connector destinations). */
export interface RowFilter {
  column: string;
  operator: 'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte' | 'contains' | 'is_empty' | 'is_not_empty';
  value?: string | number | boolean | null;
}

/** A report pushed into a destination on a schedule. `version` rises with every edit. */
export const integrations = pgTable('integrations', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  destinationKind: text('destination_kind').$type<DestinationKind>().notNull().default('salesforce'),
  // Null once the account is disconnected: the integration stays, its runs fail with a message until re-pointed.
  accountId: uuid('account_id').references(() => salesforceAccounts.id, { onDelete: 'set null' }),
  reportId: text('report_id').notNull(),
  objectName: text('object_name'),
  /** For destinations 'qualtrics' and 'action': the JSON event or external action each row is sent to. */
  actionId: uuid('action_id').references(() => connectorActions.id, { onDelete: 'set null' }),
  /** Connector destinations: send every matching row on every run, not only rows whose values changed. */
  sendUnchanged: boolean('send_unchanged').notNull().default(false),
  keys: jsonb('keys').$type<ColumnFieldPair[]>().notNull().default(sql`'[]'::jsonb`),
  mappings: jsonb('mappings').$type<ColumnFieldPair[]>().notNull().default(sql`'[]'::jsonb`),
  filters: jsonb('filters').$type<RowFilter[]>().notNull().default(sql`'[]'::jsonb`),
  scheduleCron: text('schedule_cron').notNull().default('0 8 * * *'),
  scheduleTimezone: text('schedule_timezone').notNull().default('UTC'),
  enabled: boolean('enabled').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('integrations_workspace_idx').on(t.workspaceId),
  uniqueIndex('integrations_workspace_name_unique').on(t.workspaceId, sql`lower(${t.name})`),
]);

export const RUN_TRIGGERS = ['schedule', 'manual', 'api', 'inbound'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];
export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** One step of a run's log, in the order it happened. */
export interface RunStep {
  at: string;
  name: string;
  message: string;
  durationMs?: number;
}

/** Counts a run reports; all start at zero. */
export interface RunCounts {
  read: number;
  unchanged: number;
  matched: number;
  noMatch: number;
  multipleMatches: number;
  updated: number;
  rejected: number;
}

/**
 * One execution of an integration. At most one queued or running run per integration, enforced by the
 * partial unique index below. `checkpoint` is the engine's resume point after a crash.
 */
export const integrationRuns = pgTable('integration_runs', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  integrationId: uuid('integration_id').notNull().references(() => integrations.id, { onDelete: 'cascade' }),
  integrationVersion: integer('integration_version').notNull(),
  trigger: text('trigger').$type<RunTrigger>().notNull(),
  triggeredBy: uuid('triggered_by').references(() => users.id, { onDelete: 'set null' }),
  fullResync: boolean('full_resync').notNull().default(false),
  status: text('status').$type<RunStatus>().notNull().default('queued'),
  message: text('message'),
  errorCode: text('error_code'),
  queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
  startedAt: timestamp('started_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  /** The report's "as of" time, fixed when the run first starts and kept across a resume. */
  asOf: timestamp('as_of', { withTimezone: true }),
  attempt: integer('attempt').notNull().default(0),
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
  rowsToProcess: integer('rows_to_process'),
  rowsProcessed: integer('rows_processed').notNull().default(0),
  readCount: integer('read_count').notNull().default(0),
  unchangedCount: integer('unchanged_count').notNull().default(0),
  matchedCount: integer('matched_count').notNull().default(0),
  noMatchCount: integer('no_match_count').notNull().default(0),
  multipleMatchesCount: integer('multiple_matches_count').notNull().default(0),
  updatedCount: integer('updated_count').notNull().default(0),
  rejectedCount: integer('rejected_count').notNull().default(0),
  apiCalls: integer('api_calls').notNull().default(0),
  steps: jsonb('steps').$type<RunStep[]>().notNull().default(sql`'[]'::jsonb`),
  checkpoint: jsonb('checkpoint').$type<Record<string, unknown>>(),
  /** The integration as this run took it when it first started (the engine's migration). */
  config: jsonb('config').$type<IntegrationSnapshot>(),
  /**
   * The database snapshot (`pg_snapshot`, as text) taken when the run first started, before it read a row:
   * a change by a transaction not committed in it may postdate the run's read (lib/sync/incremental.ts).
   */
  watermark: text('watermark'),
  /** Salesforce runs: fingerprint of the mapping and the report's definition the run read with (lib/sync/incremental.ts). */
  basis: text('basis'),
}, (t) => [
  index('integration_runs_integration_idx').on(t.integrationId, t.queuedAt),
  index('integration_runs_workspace_idx').on(t.workspaceId),
  // The database, not a check-then-insert, keeps one active run per integration.
  uniqueIndex('integration_runs_one_active').on(t.integrationId).where(sql`status in ('queued', 'running')`),
]);
