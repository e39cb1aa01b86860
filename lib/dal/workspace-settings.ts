import 'server-only';
import { getWorkspace, updateWorkspaceSettings } from '@/db/queries/workspaces';
import { resolveWorkspaceSettings, type WorkspaceSettings } from '@/db/schema/workspaces';
import type { Ctx } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { audit, requireAdmin } from './guards';

/** The workspace's name and options, with defaults filled in. */
export async function readWorkspaceSettings(ctx: Ctx): Promise<WorkspaceSettings & { name: string }> {
  const workspace = await getWorkspace(ctx.db, ctx.user.workspaceId);
  if (!workspace) throw notFound('Your workspace');
  return { name: workspace.name, ...resolveWorkspaceSettings(workspace.settings) };
}

/** Saves the workspace's options (admins only), audited. */
export async function saveWorkspaceSettings(ctx: Ctx, input: WorkspaceSettings) {
  requireAdmin(ctx, 'change workspace options');
  const workspace = await getWorkspace(ctx.db, ctx.user.workspaceId);
  if (!workspace) throw notFound('Your workspace');
  await updateWorkspaceSettings(ctx.db, ctx.user.workspaceId, { ...workspace.settings, ...input });
  await audit(ctx, 'workspace.settings', 'workspace', ctx.user.workspaceId,
    `Set TeachMe ${input.teachMeEnabled ? 'on' : 'off'}, ${input.onboardingTasks.length} onboarding tasks, field prefix "${input.fieldPrefix}"`);
}
