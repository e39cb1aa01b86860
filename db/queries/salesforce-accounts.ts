import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { salesforceAccounts, salesforceOauthAttempts, type SalesforceEnvironment } from '../schema';

export type SalesforceAccountRow = typeof salesforceAccounts.$inferSelect;
export type NewSalesforceAccount = Omit<typeof salesforceAccounts.$inferInsert, 'id' | 'status' | 'statusMessage' | 'connectedAt'>;

export async function listSalesforceAccounts(db: Database, workspaceId: string) {
  return db.select().from(salesforceAccounts).where(eq(salesforceAccounts.workspaceId, workspaceId))
    .orderBy(asc(salesforceAccounts.environment), asc(salesforceAccounts.connectedAt));
}

export async function getSalesforceAccount(db: Database, workspaceId: string, accountId: string) {
  const [row] = await db.select().from(salesforceAccounts)
    .where(and(eq(salesforceAccounts.workspaceId, workspaceId), eq(salesforceAccounts.id, accountId)));
  return row ?? null;
}

/** Inserts, or updates the account of the same org and user in the workspace. Returns its id and whether it is new. */
export async function upsertSalesforceAccount(db: Database, account: NewSalesforceAccount) {
  const [row] = await db.insert(salesforceAccounts).values(account)
    .onConflictDoUpdate({
      target: [salesforceAccounts.workspaceId, salesforceAccounts.orgId, salesforceAccounts.sfUserId],
      set: {
        environment: account.environment, orgName: account.orgName, username: account.username, loginUrl: account.loginUrl,
        instanceUrl: account.instanceUrl, isDemo: account.isDemo, accessTokenSealed: account.accessTokenSealed,
        refreshTokenSealed: account.refreshTokenSealed, status: 'connected', statusMessage: null,
        connectedBy: account.connectedBy, connectedByEmail: account.connectedByEmail, connectedAt: sql`now()`,
      },
    })
    .returning({ id: salesforceAccounts.id, inserted: sql<boolean>`(xmax = 0)` });
  return row;
}

/** Marks a workspace's account as needing an admin to reconnect it, with the message the Accounts page shows. */
export async function markNeedsReconnect(db: Database, workspaceId: string, accountId: string, message: string) {
  await db.update(salesforceAccounts).set({ status: 'needs_reconnect', statusMessage: message })
    .where(and(eq(salesforceAccounts.workspaceId, workspaceId), eq(salesforceAccounts.id, accountId)));
}

/** New tokens from a refresh; the sealed refresh token only when Salesforce rotated it. */
export interface RenewedTokens {
  accessTokenSealed: string;
  refreshTokenSealed?: string;
  instanceUrl: string;
}

/**
 * Runs `renew` with the account's row locked (SELECT … FOR UPDATE), so one process at a time renews an
 * account's session; what `renew` returns as tokens is saved in the same transaction, before the lock is
 * released. Null when the workspace has no such account.
 */
export async function renewWithAccountLocked<T>(
  db: Database, workspaceId: string, accountId: string,
  renew: (row: SalesforceAccountRow) => Promise<{ tokens?: RenewedTokens; result: T }>,
): Promise<{ result: T } | null> {
  return db.transaction(async (tx) => {
    const scope = and(eq(salesforceAccounts.workspaceId, workspaceId), eq(salesforceAccounts.id, accountId));
    const [row] = await tx.select().from(salesforceAccounts).where(scope).for('update');
    if (!row) return null;
    const { tokens, result } = await renew(row);
    if (tokens) {
      await tx.update(salesforceAccounts).set({
        accessTokenSealed: tokens.accessTokenSealed, refreshTokenSealed: tokens.refreshTokenSealed ?? row.refreshTokenSealed,
        instanceUrl: tokens.instanceUrl, refreshedAt: new Date(), status: 'connected', statusMessage: null,
      }).where(scope);
    }
    return { result };
  });
}

export async function deleteSalesforceAccount(db: Database, workspaceId: string, accountId: string) {
  const rows = await db.delete(salesforceAccounts)
    .where(and(eq(salesforceAccounts.workspaceId, workspaceId), eq(salesforceAccounts.id, accountId))).returning({ id: salesforceAccounts.id });
  return rows.length > 0;
}

export async function insertOauthAttempt(db: Database, attempt: {
  stateHash: string; workspaceId: string; userId: string; environment: SalesforceEnvironment; loginUrl: string;
  codeVerifierSealed: string; reconnectAccountId: string | null; expiresAt: Date;
}) {
  await db.insert(salesforceOauthAttempts).values(attempt);
}

/** Marks the attempt with this state used and returns it; null when unknown or already used (so a replay finds nothing). */
export async function claimOauthAttempt(db: Database, stateHash: string) {
  const [row] = await db.update(salesforceOauthAttempts).set({ usedAt: new Date() })
    .where(and(eq(salesforceOauthAttempts.stateHash, stateHash), isNull(salesforceOauthAttempts.usedAt))).returning();
  return row ?? null;
}

/** The attempt for a state, used or not, without consuming it (the callback checks the caller first). */
export async function findOauthAttempt(db: Database, stateHash: string) {
  const [row] = await db.select().from(salesforceOauthAttempts).where(eq(salesforceOauthAttempts.stateHash, stateHash));
  return row ?? null;
}

export async function oauthAttemptExists(db: Database, stateHash: string) {
  const [row] = await db.select({ id: salesforceOauthAttempts.id }).from(salesforceOauthAttempts).where(eq(salesforceOauthAttempts.stateHash, stateHash));
  return Boolean(row);
}
