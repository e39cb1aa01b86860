import 'server-only';
import { listSalesforceAccounts } from '@/db/queries/salesforce-accounts';
import type { Ctx } from '@/lib/auth/session';

/** Accounts as the browser may see them: never a token. */
export async function listAccountsForDisplay(ctx: Ctx) {
  const rows = await listSalesforceAccounts(ctx.db, ctx.user.workspaceId);
  return rows.map((r) => ({
    id: r.id, environment: r.environment, orgId: r.orgId, orgName: r.orgName, username: r.username,
    instanceUrl: r.instanceUrl, isDemo: r.isDemo, status: r.status, statusMessage: r.statusMessage,
    connectedAt: r.connectedAt, connectedByEmail: r.connectedByEmail,
  }));
}

export type AccountForDisplay = Awaited<ReturnType<typeof listAccountsForDisplay>>[number];
