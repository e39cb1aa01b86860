import type { Database } from '@/db/client';
import { recordAudit } from '@/db/queries/audit';
import { deleteSalesforceAccount, getSalesforceAccount } from '@/db/queries/salesforce-accounts';
import type { SessionUser } from '@/lib/auth/session';
import { forbidden, notFound } from '@/lib/errors';
import { logger } from '@/lib/log';
import { decryptSecret } from '@/lib/secrets/cipher';
import { createOAuth2 } from './oauth2';
import type { SalesforceSettings } from './settings';

/** What happened to the token at Salesforce when an account was disconnected. */
export type RevokeResult = 'revoked' | 'already invalid' | 'unreachable';

/**
 * Revokes the refresh token at Salesforce (which also ends its access tokens), then deletes the account and
 * its tokens, even when Salesforce says the token was already invalid or cannot be reached.
 */
export async function disconnectAccount(db: Database, user: SessionUser, settings: SalesforceSettings, accountId: string) {
  if (user.role !== 'admin') throw forbidden('disconnect Salesforce accounts');
  const account = await getSalesforceAccount(db, user.workspaceId, accountId);
  if (!account) throw notFound('That Salesforce account');
  const oauth2 = createOAuth2(settings, account.loginUrl);
  let revoke: RevokeResult = 'revoked';
  try {
    await oauth2.revokeToken(decryptSecret(account.refreshTokenSealed));
  } catch (error) {
    revoke = (error as Error).name === 'invalid_token' ? 'already invalid' : 'unreachable';
    logger.warn({ accountId, revoke }, 'salesforce token revoke did not succeed; deleting the tokens anyway');
  }
  await deleteSalesforceAccount(db, user.workspaceId, accountId);
  await recordAudit(db, {
    workspaceId: user.workspaceId, actorId: user.userId, actorEmail: user.email, action: 'salesforce.disconnect',
    targetType: 'salesforce_account', targetId: accountId,
    summary: `Disconnected ${account.environment} org ${account.orgName} (${account.username}); token ${revoke} at Salesforce`,
  });
  return { revoke, username: account.username };
}
