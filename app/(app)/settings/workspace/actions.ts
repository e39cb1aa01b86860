'use server';

import { defineAction } from '@/lib/auth/action';
import { saveWorkspaceSettings } from '@/lib/dal/workspace-settings';
import { workspaceSettingsSchema } from '@/lib/workspace-settings';

export const saveWorkspaceSettingsAction = defineAction({
  schema: workspaceSettingsSchema, run: saveWorkspaceSettings, revalidate: '/settings/workspace', success: 'Workspace options saved.',
});
