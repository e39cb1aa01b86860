import 'server-only';
import type { z } from 'zod';
import { getWorkspace, updateWorkspaceSettings } from '@/db/queries/workspaces';
import type { Ctx } from '@/lib/auth/session';
import { notFound } from '@/lib/errors';
import { DEFAULT_FIELD_PREFIX, type workspaceSettingsSchema } from '@/lib/workspace-settings';
import { audit, requireAdmin } from './guards';

/** The workspace's options, with defaults filled in. */
export async function readWorkspaceSettings(ctx: Ctx) {
  const workspace = await getWorkspace(ctx.db, ctx.user.workspaceId);
  if (!workspace) throw notFound('Your workspace');
  return {
    name: workspace.name,
    teachMeEnabled: workspace.settings.teachMeEnabled ?? false,
    onboardingTasks: workspace.settings.onboardingTasks ?? [],
    fieldPrefix: workspace.settings.fieldPrefix ?? DEFAULT_FIELD_PREFIX,
  };
}

export async function saveWorkspaceSettings(ctx: Ctx, input: z.infer<typeof workspaceSettingsSchema>) {
  requireAdmin(ctx, 'change workspace options');
  const workspace = await getWorkspace(ctx.db, ctx.user.workspaceId);
  if (!workspace) throw notFound('Your workspace');
  await updateWorkspaceSettings(ctx.db, ctx.user.workspaceId, { ...workspace.settings, ...input });
  await audit(ctx, 'workspace.settings', 'workspace', ctx.user.workspaceId,
    `Set TeachMe ${input.teachMeEnabled ? 'on' : 'off'}, ${input.onboardingTasks.length} onboarding tasks, field prefix "${input.fieldPrefix}"`);
}
