'use server';

import { defineAction } from '@/lib/auth/action';
import { saveWorkspaceSettings } from '@/lib/dal/workspace-settings';
import { workspaceSettingsFormSchema } from '@/lib/workspace-settings';

export const saveWorkspaceSettingsAction = defineAction({
  schema: workspaceSettingsFormSchema, run: saveWorkspaceSettings, revalidate: '/settings/workspace', success: 'Workspace options saved.',
});
