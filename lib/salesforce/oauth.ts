import crypto from 'node:crypto';
import jsforce from 'jsforce';
import type { Database } from '@/db/client';
import type { SalesforceEnvironment } from '@/db/schema';
import { recordAudit } from '@/db/queries/audit';
import * as accounts from '@/db/queries/salesforce-accounts';
import type { SessionUser } from '@/lib/auth/session';
import { AppError, forbidden } from '@/lib/errors';
import { logger } from '@/lib/log';
import { decryptSecret, encryptSecret } from '@/lib/secrets/cipher';
import { createOAuth2 } from './oauth2';
import { SALESFORCE_API_VERSION, assertInstanceUrl, resolveLoginUrl, type SalesforceSettings } from './settings';

/** How long a started "+ Add Account" stays valid. */
export const OAUTH_ATTEMPT_TTL_MS = 10 * 60_000;

const hashState = (state: string) => crypto.createHash('sha256').update(state).digest('hex');

const oauthClient = (settings: SalesforceSettings, loginUrl: string) => createOAuth2(settings, loginUrl, { pkce: true });

/**
 * Starts "+ Add Account": records a one-time state bound to this user (kept hashed) with the PKCE verifier
 * (sealed), and returns Salesforce's authorization URL to send the browser to.
 */
export async function beginConnect(
  db: Database,
  user: SessionUser,
  settings: SalesforceSettings,
  input: { environment: SalesforceEnvironment; myDomain?: string; reconnectAccountId?: string },
  now = new Date(),
): Promise<string> {
  if (user.role !== 'admin') throw forbidden('connect Salesforce accounts');
  const loginUrl = resolveLoginUrl(settings, input.environment, input.myDomain);
  const oauth2 = oauthClient(settings, loginUrl);
  const state = crypto.randomBytes(32).toString('base64url');
  await accounts.insertOauthAttempt(db, {
    stateHash: hashState(state), workspaceId: user.workspaceId, userId: user.userId, environment: input.environment, loginUrl,
    codeVerifierSealed: encryptSecret(oauth2.codeVerifier!), reconnectAccountId: input.reconnectAccountId ?? null,
    expiresAt: new Date(now.getTime() + OAUTH_ATTEMPT_TTL_MS),
  });
  return oauth2.getAuthorizationUrl({ state, scope: 'api refresh_token', prompt: 'login consent' });
}

/** The end of the OAuth callback: a connected account, or a refusal with its HTTP status and message. */
export type ConnectOutcome =
  | { ok: true; accountId: string; created: boolean; username: string }
  | { ok: false; status: 400 | 403 | 502; message: string };

const START_AGAIN = 'Go back to Accounts and click “+ Add Account” to start again.';

/** Completes the web server flow from the callback's query parameters. Stores nothing unless every check passes. */
export async function completeConnect(
  db: Database,
  user: SessionUser | null,
  settings: SalesforceSettings,
  params: URLSearchParams,
  now = new Date(),
): Promise<ConnectOutcome> {
  const state = params.get('state');
  if (!state) return { ok: false, status: 400, message: `Salesforce sent you back without the sign-in’s reference (its state), so it cannot be matched to a sign-in started here. ${START_AGAIN}` };
  const stateHash = hashState(state);
  // Check who is calling before spending the one-time state, so a stranger opening the link spoils nothing.
  const found = await accounts.findOauthAttempt(db, stateHash);
  if (!found) return { ok: false, status: 400, message: `This Salesforce sign-in was not started here (the link may be forged or from another installation). ${START_AGAIN}` };
  if (found.usedAt) return { ok: false, status: 400, message: `This Salesforce sign-in was already used. ${START_AGAIN}` };
  if (!user) {
    const appUrl = new URL(settings.redirectUri).origin;
    return { ok: false, status: 400, message:
      `You are not signed in at ${appUrl}, where Salesforce sends you back (APP_URL). Open ${appUrl} ` +
      '(not another address for the same server, such as 127.0.0.1 instead of localhost), sign in as the user who started, ' +
      'and click “+ Add Account” again.' };
  }
  if (user.userId !== found.userId || user.workspaceId !== found.workspaceId) {
    return { ok: false, status: 400, message: `This Salesforce sign-in was started by another user or session. Sign in as that user, or ${START_AGAIN.toLowerCase()}` };
  }
  if (found.expiresAt.getTime() < now.getTime()) {
    return { ok: false, status: 400, message: `This Salesforce sign-in expired: it must be finished within 10 minutes. ${START_AGAIN}` };
  }
  const attempt = await accounts.claimOauthAttempt(db, stateHash);
  if (!attempt) return { ok: false, status: 400, message: `This Salesforce sign-in was already used. ${START_AGAIN}` };
  const error = params.get('error');
  if (error) {
    const detail = params.get('error_description');
    return { ok: false, status: 400, message: error === 'access_denied'
      ? `Salesforce access was denied, so no account was connected. To connect, click “+ Add Account” again and choose Allow.`
      : `Salesforce refused the connection (${error}${detail ? `: ${detail}` : ''}). ${START_AGAIN}` };
  }
  const code = params.get('code');
  if (!code) return { ok: false, status: 400, message: `The answer from Salesforce has no authorization code. ${START_AGAIN}` };
  return exchangeAndStore(db, user, settings, attempt, code);
}

async function exchangeAndStore(
  db: Database, user: SessionUser, settings: SalesforceSettings,
  attempt: NonNullable<Awaited<ReturnType<typeof accounts.claimOauthAttempt>>>, code: string,
): Promise<ConnectOutcome> {
  const oauth2 = oauthClient(settings, attempt.loginUrl);
  oauth2.codeVerifier = decryptSecret(attempt.codeVerifierSealed);
  const conn = new jsforce.Connection({ oauth2, version: SALESFORCE_API_VERSION });
  let userInfo;
  try {
    userInfo = await conn.authorize(code);
  } catch (error) {
    logger.warn({ err: error }, 'salesforce code exchange failed');
    return { ok: false, status: 400, message: `Salesforce did not accept the sign-in code (${(error as Error).message}). ${START_AGAIN}` };
  }
  const revoke = () => oauth2.revokeToken(conn.refreshToken ?? conn.accessToken ?? '').catch(() => undefined);
  try {
    assertInstanceUrl(settings, conn.instanceUrl);
    const identity = await conn.identity();
    const perms = await conn.query<{ PermissionsModifyAllData: boolean }>('SELECT PermissionsModifyAllData FROM UserPermissionAccess');
    if (!perms.records[0]?.PermissionsModifyAllData) {
      await revoke();
      return { ok: false, status: 403, message:
        `The Salesforce user ${identity.username} does not have the “Modify All Data” permission, which DIC needs to read and update ` +
        'object metadata and records. Ask your Salesforce admin to grant it (or connect with an admin user), then click “+ Add Account” again. Nothing was saved.' };
    }
    const orgName = await conn.query<{ Name: string }>('SELECT Name FROM Organization')
      .then((r) => r.records[0]?.Name ?? userInfo.organizationId, () => userInfo.organizationId);
    const saved = await accounts.upsertSalesforceAccount(db, {
      workspaceId: user.workspaceId, environment: attempt.environment, orgId: userInfo.organizationId, orgName,
      sfUserId: userInfo.id, username: identity.username, loginUrl: attempt.loginUrl, instanceUrl: conn.instanceUrl,
      isDemo: settings.demo, accessTokenSealed: encryptSecret(conn.accessToken!), refreshTokenSealed: encryptSecret(conn.refreshToken!),
      connectedBy: user.userId, connectedByEmail: user.email,
    });
    await recordAudit(db, {
      workspaceId: user.workspaceId, actorId: user.userId, actorEmail: user.email,
      action: saved.inserted ? 'salesforce.connect' : 'salesforce.reconnect', targetType: 'salesforce_account', targetId: saved.id,
      summary: `${saved.inserted ? 'Connected' : 'Reconnected'} ${attempt.environment} org ${orgName} as ${identity.username}`,
    });
    return { ok: true, accountId: saved.id, created: saved.inserted, username: identity.username };
  } catch (error) {
    await revoke();
    if (error instanceof AppError) return { ok: false, status: 400, message: `${error.message} ${START_AGAIN}` };
    logger.error({ err: error }, 'salesforce connect failed after the code exchange');
    return { ok: false, status: 502, message: `Salesforce answered unexpectedly while DIC read the connected user (${(error as Error).message}). ${START_AGAIN}` };
  }
}

/**
 * When the callback is opened on another address than the one Salesforce was told (APP_URL), the session
 * cookie of that address is not sent: the answer names both addresses instead of blaming another user.
 */
export function callbackHostProblem(requestHost: string | null, settings: Pick<SalesforceSettings, 'redirectUri'>): string | null {
  const expected = new URL(settings.redirectUri);
  if (!requestHost || requestHost.toLowerCase() === expected.host.toLowerCase()) return null;
  return `This page was opened at ${requestHost}, but DIC's address (APP_URL) is ${expected.origin}. ` +
    `Open DIC at ${expected.origin}, sign in there and click “+ Add Account” again; ` +
    'or, if DIC really lives at the other address, set APP_URL to it and restart DIC.';
}
