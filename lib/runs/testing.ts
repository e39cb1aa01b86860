/** Test helpers for runs: a workspace with an account and an integration, and a pg-boss that works no jobs. */
import type { PgBoss } from 'pg-boss';
import type { DatabaseHandle } from '@/db/client';
import { createTestWorkspace } from '@/lib/auth/testing';
import type { Ctx } from '@/lib/auth/session';
import { createIntegration, type IntegrationDetail } from '@/lib/dal/integrations';
import { insertTestAccount, integrationInput } from '@/lib/integrations/testing';
import type { IntegrationFormValues } from '@/lib/integrations/schema';
import { createBoss } from '@/lib/jobs/boss';
import { ensureQueues } from '@/lib/jobs/worker';

/** A started pg-boss with the app's queues, and no workers: sent jobs stay where a test can look at them. */
export async function startQueueOnly(handle: DatabaseHandle, options: Parameters<typeof createBoss>[1] = {}): Promise<PgBoss> {
  const boss = createBoss(handle, options);
  await boss.start();
  await ensureQueues(boss);
  return boss;
}

/** A workspace (its admin's context) with a connected test account and one integration. */
export async function workspaceWithIntegration(handle: DatabaseHandle, boss: PgBoss, name: string, overrides: Partial<IntegrationFormValues> = {}): Promise<{ ctx: Ctx; accountId: string; integration: IntegrationDetail }> {
  const ctx = await createTestWorkspace(handle.db, name);
  const accountId = await insertTestAccount(handle.db, ctx.user.workspaceId);
  const integration = await createIntegration(ctx, integrationInput(accountId, overrides), boss);
  return { ctx, accountId, integration };
}
