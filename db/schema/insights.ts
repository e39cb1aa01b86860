import { sql } from 'drizzle-orm';
import {
  bigint, customType, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';

/** PostgreSQL's 64-bit transaction id (`xid8`), read and written as its decimal text. */
export const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/**
 * A person using the customer's product, known by the customer's own user id. Stored with fillfactor 70
 * (migration 0004, drizzle has no table storage options) so the per-batch updates stay HOT.
 */
export const endUsers = pgTable('insights_end_users', {
  // bigint rather than uuid: events reference it hundreds of times per user, so the smaller key pays off.
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  userId: text('user_id').notNull(),
  email: text('email'),
  firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /**
   * The transaction that last stored or removed data of this end user (an event, an e-mail): a sync run reads
   * again only the end users changed by a transaction it may not have seen (see lib/sync/incremental.ts).
   */
  changedXid: xid8('changed_xid').notNull().default(sql`pg_current_xact_id()`),
}, (t) => [
  // Also the keyset order for streaming reports.
  uniqueIndex('insights_end_users_workspace_user_unique').on(t.workspaceId, t.userId),
  // Target of the events' composite foreign key, which keeps an event inside its end user's workspace.
  unique('insights_end_users_workspace_id_unique').on(t.workspaceId, t.id),
]);

/** One thing an end user did. `clientId` is the sender's optional id, unique per workspace for idempotency. */
export const insightEvents = pgTable('insights_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  workspaceId: uuid('workspace_id').notNull(),
  endUserId: bigint('end_user_id', { mode: 'number' }).notNull(),
  type: text('type').notNull(),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  clientId: text('client_id'),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  foreignKey({ name: 'insights_events_end_user_fk', columns: [t.workspaceId, t.endUserId], foreignColumns: [endUsers.workspaceId, endUsers.id] })
    .onDelete('cascade'),
  // NULLs never conflict, so events sent without an id are always kept.
  uniqueIndex('insights_events_workspace_client_id_unique').on(t.workspaceId, t.clientId),
  // Every report reads events per end user: one short index range per (user, type), index-only for counts
  // and times. Deliberately the only secondary index on the events: with a second one led by type, a
  // planner without fresh statistics (PGlite never autovacuums) picked it for per-user lookups and scanned
  // every event of the type once per end user.
  index('insights_events_user_type_time_idx').on(t.workspaceId, t.endUserId, t.type, t.occurredAt),
]);

/** A report defined by a workspace user; `definition` holds the validated column list. */
export const customReports = pgTable('insights_custom_reports', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  keyColumn: text('key_column').notNull(),
  definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('insights_custom_reports_workspace_name_unique').on(t.workspaceId, sql`lower(${t.name})`),
]);

/**
 * Tags of a built-in report in one workspace. No row means the defaults; a row, once a user edits the
 * tags, replaces them entirely (so removing `integrations_salesforce` sticks).
 */
export const builtInReportTags = pgTable('insights_builtin_report_tags', {
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  reportId: text('report_id').notNull(),
  tags: text('tags').array().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.workspaceId, t.reportId] })]);
