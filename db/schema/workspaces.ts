import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';

/** The prefix suggested for Salesforce custom fields DIC creates (DIC_First_Login__c). */
export const DEFAULT_FIELD_PREFIX = 'DIC_';

/**
 * Workspace options (Settings › Workspace options) with their rules and defaults: the one definition.
 * Stored as jsonb, where any key may be missing (it takes its default); the form's schema in
 * lib/workspace-settings.ts derives from this one.
 */
export const workspaceSettingsSchema = z.object({
  /** TeachMe: the product sends course_progress events, and the TeachMe report is offered. */
  teachMeEnabled: z.boolean().default(false),
  /** Task ids of onboarding_task events that the Onboarding Completion Rate report counts. */
  onboardingTasks: z.array(z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/)).max(100, { error: 'Keep to 100 onboarding tasks or fewer.' }).default([]),
  /** Start of the API names of Salesforce custom fields DIC creates; may be empty. */
  fieldPrefix: z.string().max(20, { error: 'Keep the prefix to 20 characters or fewer.' })
    .regex(/^([A-Za-z][A-Za-z0-9_]*)?$/, { error: 'Start the prefix with a letter and use only letters, digits and underscores, like DIC_.' })
    .default(DEFAULT_FIELD_PREFIX),
});

/** A tenant: every other row belongs to exactly one workspace. */
export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  settings: jsonb('settings').$type<StoredWorkspaceSettings>().notNull().default(sql`'{}'::jsonb`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Workspace options as stored: every key optional. */
export type StoredWorkspaceSettings = z.input<typeof workspaceSettingsSchema>;
/** Workspace options with defaults filled in. */
export type WorkspaceSettings = z.output<typeof workspaceSettingsSchema>;

const DEFAULT_WORKSPACE_SETTINGS: WorkspaceSettings = workspaceSettingsSchema.parse({});

/**
 * A workspace's options with defaults filled in for what was never saved. Saved values are taken as they
 * are: they were checked when saved, and reading must not fail because a rule got stricter since.
 */
export function resolveWorkspaceSettings(stored: StoredWorkspaceSettings): WorkspaceSettings {
  const saved = Object.fromEntries(Object.entries(stored ?? {}).filter(([, value]) => value !== undefined && value !== null));
  return { ...DEFAULT_WORKSPACE_SETTINGS, ...saved };
}

/** A person who signs in. `sessionVersion` is bumped to end every session the user holds. */
/** Stored instead of a password hash until an invited user sets one: no password verifies against it. */
export const NO_PASSWORD_YET = '!invited';

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  sessionVersion: integer('session_version').notNull().default(1),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('users_email_unique').on(sql`lower(${t.email})`)]);

export const ROLES = ['admin', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const memberships = pgTable('memberships', {
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  role: text('role').$type<Role>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index('memberships_user_idx').on(t.userId)]);

/** Keys for the ingestion API. Only a SHA-256 hash of the secret is kept; the prefix identifies it in lists. */
export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  secretHash: text('secret_hash').notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
}, (t) => [uniqueIndex('api_keys_secret_hash_unique').on(t.secretHash), index('api_keys_workspace_idx').on(t.workspaceId)]);

/** Who did what to which object, when. */
export const auditEntries = pgTable('audit_entries', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
  actorEmail: text('actor_email'),
  action: text('action').notNull(),
  targetType: text('target_type').notNull(),
  targetId: text('target_id'),
  summary: text('summary').notNull(),
  details: jsonb('details').$type<Record<string, unknown>>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('audit_workspace_time_idx').on(t.workspaceId, t.createdAt)]);

/** Failed sign-ins, counted to slow down password guessing; pruned by a maintenance job. */
export const signInAttempts = pgTable('sign_in_attempts', {
  id: uuid('id').primaryKey().defaultRandom(),
  key: text('key').notNull(),
  succeeded: boolean('succeeded').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('sign_in_attempts_key_time_idx').on(t.key, t.createdAt)]);

/** What a password link is for: a new user's invitation, or an admin-made reset. */
export type PasswordLinkPurpose = 'invite' | 'reset';

/**
 * One-time links an admin copies so a person sets their own password (an invitation, or a reset). Only a
 * SHA-256 hash of the token is kept; a link works once, until it expires, and a newer link replaces it.
 */
export const passwordLinks = pgTable('password_links', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  purpose: text('purpose').$type<PasswordLinkPurpose>().notNull(),
  tokenHash: text('token_hash').notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
}, (t) => [uniqueIndex('password_links_token_hash_unique').on(t.tokenHash), index('password_links_user_idx').on(t.userId)]);
