import jsforce, { type Connection } from 'jsforce';
import type { Database } from '@/db/client';
import { getSalesforceAccount, markNeedsReconnect, renewWithAccountLocked } from '@/db/queries/salesforce-accounts';
import { AppError, notFound } from '@/lib/errors';
import { logger } from '@/lib/log';
import { decryptSecret, encryptSecret } from '@/lib/secrets/cipher';
import { ReconnectNeededError } from './errors';
import { createOAuth2 } from './oauth2';
import { SALESFORCE_API_VERSION, assertInstanceUrl, type SalesforceSettings } from './settings';

export { ReconnectNeededError } from './errors';

type Refreshed = { accessToken: string; res?: unknown };

// One refresh per account at a time in this process; the row lock below covers other processes.
const inFlight: Map<string, Promise<Refreshed>> = ((globalThis as unknown as { __dicSfRefresh?: Map<string, Promise<Refreshed>> }).__dicSfRefresh ??= new Map());

const REFUSALS = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

/**
 * Renews an account's access token. Under a row lock: if another caller already renewed it (the stored token
 * differs from the one that failed), that token is used without calling Salesforce. A rotated refresh token is
 * saved in the same transaction, before the new access token is handed out.
 */
export function refreshAccountToken(db: Database, settings: SalesforceSettings, workspaceId: string, accountId: string, failedToken: string | undefined): Promise<Refreshed> {
  const running = inFlight.get(accountId);
  if (running) return running;
  const refresh = (async (): Promise<Refreshed> => {
    const locked = await renewWithAccountLocked<Refreshed | ReconnectNeededError>(db, workspaceId, accountId, async (row) => {
      const current = decryptSecret(row.accessTokenSealed);
      if (failedToken !== undefined && current !== failedToken) return { result: { accessToken: current } };
      let res;
      try {
        res = await createOAuth2(settings, row.loginUrl).refreshToken(decryptSecret(row.refreshTokenSealed));
      } catch (error) {
        const name = (error as Error).name;
        if (REFUSALS.has(name)) return { result: new ReconnectNeededError(row.username, (error as Error).message || name) };
        throw error;
      }
      assertInstanceUrl(settings, res.instance_url);
      return {
        tokens: {
          accessTokenSealed: encryptSecret(res.access_token), instanceUrl: res.instance_url,
          refreshTokenSealed: res.refresh_token ? encryptSecret(res.refresh_token) : undefined,
        },
        result: { accessToken: res.access_token, res },
      };
    });
    if (!locked) throw notFound('That Salesforce account');
    if (!(locked.result instanceof ReconnectNeededError)) return locked.result;
    await markNeedsReconnect(db, workspaceId, accountId, locked.result.message);
    logger.warn({ accountId }, 'salesforce refresh refused; account needs reconnect');
    throw locked.result;
  })().finally(() => inFlight.delete(accountId));
  inFlight.set(accountId, refresh);
  return refresh;
}

// jsforce rethrows a failed renewal as a plain Error ("Unable to refresh session due to: …"); the original,
// typed error is kept here so callers can throw that instead.
const refreshFailures = new WeakMap<Connection, Error>();

/** The error behind jsforce's "Unable to refresh session" wrapper, when `error` is one for this connection. */
export function unwrapRefreshFailure(conn: Connection, error: unknown): unknown {
  const original = refreshFailures.get(conn);
  return original && error instanceof Error && error.message.endsWith(original.message) ? original : error;
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
  const conn: Connection = new jsforce.Connection({
    oauth2: createOAuth2(settings, account.loginUrl),
    version: SALESFORCE_API_VERSION,
    instanceUrl: account.instanceUrl,
    accessToken: decryptSecret(account.accessTokenSealed),
    refreshFn: (conn, callback) => {
      refreshAccountToken(db, settings, workspaceId, accountId, conn.accessToken ?? undefined).then(
        ({ accessToken, res }) => callback(undefined, accessToken, res as never),
        (error: Error) => {
          refreshFailures.set(conn, error);
          callback(error);
        },
      );
    },
  });
  return conn;
}
