import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { integrations } from './integrations';
import { users, workspaces } from './workspaces';

/** A Qualtrics connection (username + API token, Basic auth) or a Gainsight-style connector to any HTTP system. */
export const CONNECTOR_KINDS = ['qualtrics', 'http'] as const;
export type ConnectorKind = (typeof CONNECTOR_KINDS)[number];
/** How a connector authenticates: Basic (username + password or token), a header token (e.g. `Accesskey`), or nothing. */
export const CONNECTOR_AUTH_TYPES = ['basic', 'header', 'none'] as const;
export type ConnectorAuthType = (typeof CONNECTOR_AUTH_TYPES)[number];
export const ACTION_METHODS = ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'] as const;
export type ActionMethod = (typeof ACTION_METHODS)[number];

/** A request header of an action; values may hold `{{Column}}` tokens. Never a credential: those live in the connector. */
export interface ActionHeader {
  name: string;
  value: string;
}

/**
 * One connector per external system: it holds the credentials (sealed by lib/secrets/cipher.ts) and the base
 * URL; its actions reuse them. A workspace has at most one Qualtrics connection.
 */
export const connectors = pgTable('connectors', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  kind: text('kind').$type<ConnectorKind>().notNull(),
  name: text('name').notNull(),
  /** The system's address (https origin, optionally with a path); actions' URLs must stay under it. Null for Qualtrics. */
  baseUrl: text('base_url'),
  authType: text('auth_type').$type<ConnectorAuthType>().notNull(),
  /** Basic: the user name (Qualtrics: the Qualtrics username). Not a secret. */
  authUsername: text('auth_username'),
  /** Header token: the header's name, e.g. `Accesskey`. */
  authHeaderName: text('auth_header_name'),
  /** The password, API token or header value, sealed. Null for auth type none. */
  secretSealed: text('secret_sealed'),
  /** The last four characters of the secret, for recognising it in the UI. */
  secretHint: text('secret_hint'),
  /** Calls a minute a run may make through this connector (Qualtrics: 3,000). */
  callsPerMinute: integer('calls_per_minute').notNull().default(60),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('connectors_workspace_idx').on(t.workspaceId),
  uniqueIndex('connectors_workspace_name_unique').on(t.workspaceId, sql`lower(${t.name})`),
  uniqueIndex('connectors_one_qualtrics').on(t.workspaceId).where(sql`kind = 'qualtrics'`),
]);

/**
 * One HTTP call through a connector: a Qualtrics workflow's JSON event (POST to its URL), or a Gainsight-style
 * external action. The payload template is JSON with `{{Column}}` tokens; `{ }` when it is only a trigger.
 */
export const connectorActions = pgTable('connector_actions', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  connectorId: uuid('connector_id').notNull().references(() => connectors.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  method: text('method').$type<ActionMethod>().notNull().default('POST'),
  url: text('url').notNull(),
  headers: jsonb('headers').$type<ActionHeader[]>().notNull().default(sql`'[]'::jsonb`),
  payloadTemplate: text('payload_template').notNull().default('{ }'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('connector_actions_connector_idx').on(t.connectorId),
  uniqueIndex('connector_actions_workspace_name_unique').on(t.workspaceId, sql`lower(${t.name})`),
]);

export const INBOUND_ACTION_KINDS = ['run_integration', 'record_event'] as const;
export type InboundActionKind = (typeof INBOUND_ACTION_KINDS)[number];

/** How a call's fields become an Insights event (action record_event). Field names are JSON keys of the call. */
export interface InboundEventMapping {
  /** The event type recorded, e.g. `gainsight_onboarding_completed`. */
  type: string;
  userIdField: string;
  emailField?: string;
  /** Event property name → the call's field. */
  properties: Array<{ property: string; field: string }>;
}

/**
 * A JSON-event endpoint of ours (what Gainsight's "Call External API" calls): Basic credentials (the password
 * stored as a SHA-256 hash of a 192-bit random secret, shown once), declared user-defined fields, what a call
 * starts, and the JSON captured from the most recent accepted call.
 */
export const inboundTriggers = pgTable('inbound_triggers', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  username: text('username').notNull(),
  passwordHash: text('password_hash').notNull(),
  fields: jsonb('fields').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  actionKind: text('action_kind').$type<InboundActionKind>().notNull(),
  // Null after the integration is deleted: calls are then refused with a message until re-pointed.
  integrationId: uuid('integration_id').references(() => integrations.id, { onDelete: 'set null' }),
  eventMapping: jsonb('event_mapping').$type<InboundEventMapping>(),
  lastCapture: jsonb('last_capture').$type<unknown>(),
  lastCaptureAt: timestamp('last_capture_at', { withTimezone: true }),
  lastEventId: text('last_event_id'),
  lastRunId: uuid('last_run_id'),
  callCount: integer('call_count').notNull().default(0),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('inbound_triggers_workspace_idx').on(t.workspaceId),
  uniqueIndex('inbound_triggers_workspace_name_unique').on(t.workspaceId, sql`lower(${t.name})`),
]);
