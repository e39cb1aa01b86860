import { eq } from 'drizzle-orm';
import jsforce, { type Connection } from 'jsforce';
import type { Database } from '@/db/client';
import { salesforceAccounts } from '@/db/schema';
import { getSalesforceAccount, markNeedsReconnect } from '@/db/queries/salesforce-accounts';
import { AppError, notFound } from '@/lib/errors';
import { logger } from '@/lib/log';
import { decryptSecret, encryptSecret } from '@/lib/secrets/cipher';
import { SALESFORCE_API_VERSION, assertInstanceUrl, type SalesforceSettings } from './settings';

/** Raised when Salesforce refuses the stored refresh token: an admin must reconnect the account. */
export class ReconnectNeededError extends AppError {
  constructor(username: string, reason: string) {
    super('CONFLICT', `Salesforce refused to renew the session of ${username} (${reason}). An admin must click Reconnect on the Accounts page.`);
  }
}

type Refreshed = { accessToken: string; res?: unknown };

// One refresh per account at a time in this process; the row lock below covers other processes.
const inFlight: Map<string, Promise<Refreshed>> = ((globalThis as unknown as { __dicSfRefresh?: Map<string, Promise<Refreshed>> }).__dicSfRefresh ??= new Map());

/**
 * Renews an account's access token. Under a row lock: if another caller already renewed it (the stored token
 * differs from the one that failed), that token is used without calling Salesforce. A rotated refresh token is
 * saved in the same transaction, before the new access token is handed out.
 */
export function refreshAccountToken(db: Database, settings: SalesforceSettings, accountId: string, failedToken: string | undefined): Promise<Refreshed> {
  const running = inFlight.get(accountId);
  if (running) return running;
  const refresh = (async (): Promise<Refreshed> => {
    let refusal: { username: string; reason: string } | undefined;
    const result = await db.transaction(async (tx) => {
      const [row] = await tx.select().from(salesforceAccounts).where(eq(salesforceAccounts.id, accountId)).for('update');
      if (!row) throw notFound('That Salesforce account');
      const current = decryptSecret(row.accessTokenSealed);
      if (failedToken !== undefined && current !== failedToken) return { accessToken: current };
      const oauth2 = new jsforce.OAuth2({ loginUrl: row.loginUrl, clientId: settings.clientId, clientSecret: settings.clientSecret, redirectUri: settings.redirectUri });
      let res;
      try {
        res = await oauth2.refreshToken(decryptSecret(row.refreshTokenSealed));
      } catch (error) {
        const name = (error as Error).name;
        if (name === 'invalid_grant' || name === 'invalid_client' || name === 'unauthorized_client') {
          refusal = { username: row.username, reason: (error as Error).message || name };
          return null;
        }
        throw error;
      }
      assertInstanceUrl(settings, res.instance_url);
      await tx.update(salesforceAccounts).set({
        accessTokenSealed: encryptSecret(res.access_token),
        refreshTokenSealed: res.refresh_token ? encryptSecret(res.refresh_token) : row.refreshTokenSealed,
        instanceUrl: res.instance_url, refreshedAt: new Date(), status: 'connected', statusMessage: null,
      }).where(eq(salesforceAccounts.id, accountId));
      return { accessToken: res.access_token, res };
    });
    if (result) return result;
    const { username, reason } = refusal!;
    const error = new ReconnectNeededError(username, reason);
    await markNeedsReconnect(db, accountId, error.message);
    logger.warn({ accountId }, 'salesforce refresh refused; account needs reconnect');
    return Promise.reject(error);
  })().finally(() => inFlight.delete(accountId));
  inFlight.set(accountId, refresh);
  return refresh;
}

/**
 * The one way later code talks to a connected org: a jsforce Connection whose session renewals go through
 * `refreshAccountToken`, so they are serialised, persisted and turn a refused refresh into "needs reconnect".
 */
export async function getConnection(db: Database, settings: SalesforceSettings, workspaceId: string, accountId: string): Promise<Connection> {
  const account = await getSalesforceAccount(db, workspaceId, accountId);
  if (!account) throw notFound('That Salesforce account');
  if (account.status === 'needs_reconnect') {
    throw new AppError('CONFLICT', account.statusMessage ?? `The Salesforce account ${account.username} needs to be reconnected on the Accounts page.`);
  }
  const oauth2 = new jsforce.OAuth2({ loginUrl: account.loginUrl, clientId: settings.clientId, clientSecret: settings.clientSecret, redirectUri: settings.redirectUri });
  return new jsforce.Connection({
    oauth2,
    version: SALESFORCE_API_VERSION,
    instanceUrl: account.instanceUrl,
    accessToken: decryptSecret(account.accessTokenSealed),
    refreshFn: (conn, callback) => {
      refreshAccountToken(db, settings, accountId, conn.accessToken ?? undefined).then(
        ({ accessToken, res }) => callback(undefined, accessToken, res as never),
        (error: Error) => callback(error),
      );
    },
  });
}
