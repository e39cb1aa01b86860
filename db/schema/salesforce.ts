import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users, workspaces } from './workspaces';

export const SALESFORCE_ENVIRONMENTS = ['sandbox', 'production'] as const;
export type SalesforceEnvironment = (typeof SALESFORCE_ENVIRONMENTS)[number];
export type SalesforceAccountStatus = 'connected' | 'needs_reconnect';

/** One connected org and user. Tokens are sealed by lib/secrets/cipher.ts and never leave the server. */
export const salesforceAccounts = pgTable('salesforce_accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  environment: text('environment').$type<SalesforceEnvironment>().notNull(),
  orgId: text('org_id').notNull(),
  orgName: text('org_name').notNull(),
  sfUserId: text('sf_user_id').notNull(),
  username: text('username').notNull(),
  loginUrl: text('login_url').notNull(),
  instanceUrl: text('instance_url').notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
  accessTokenSealed: text('access_token_sealed').notNull(),
  refreshTokenSealed: text('refresh_token_sealed').notNull(),
  status: text('status').$type<SalesforceAccountStatus>().notNull().default('connected'),
  statusMessage: text('status_message'),
  connectedBy: uuid('connected_by').references(() => users.id, { onDelete: 'set null' }),
  connectedByEmail: text('connected_by_email'),
  connectedAt: timestamp('connected_at', { withTimezone: true }).notNull().defaultNow(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('salesforce_accounts_org_user_unique').on(t.workspaceId, t.orgId, t.sfUserId),
  index('salesforce_accounts_workspace_idx').on(t.workspaceId),
]);

/** A pending "+ Add Account": the one-time state and the PKCE verifier, bound to the user who started it. */
export const salesforceOauthAttempts = pgTable('salesforce_oauth_attempts', {
  id: uuid('id').primaryKey().defaultRandom(),
  stateHash: text('state_hash').notNull(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  environment: text('environment').$type<SalesforceEnvironment>().notNull(),
  loginUrl: text('login_url').notNull(),
  codeVerifierSealed: text('code_verifier_sealed').notNull(),
  reconnectAccountId: uuid('reconnect_account_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
}, (t) => [uniqueIndex('salesforce_oauth_attempts_state_unique').on(t.stateHash)]);
