import { index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './workspaces';

/**
 * One signed-in browser. The session cookie carries this row's id; a session is valid only while its row
 * exists, is not revoked (sign-out) and has not reached `expiresAt`, which is fixed at sign-in: no request
 * extends it.
 */
export const authSessions = pgTable('auth_sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
}, (t) => [index('auth_sessions_user_idx').on(t.userId), index('auth_sessions_expires_idx').on(t.expiresAt)]);
