'use server';

import { defineAction } from '@/lib/auth/action';
import { disableSchema, inviteUserSchema, roleChangeSchema, userIdSchema } from '@/lib/auth/schemas';
import { changeUserRole, inviteWorkspaceUser, makePasswordResetLink, setUserDisabled } from '@/lib/dal/users';

const page = '/settings/users';

export const inviteUserAction = defineAction({
  schema: inviteUserSchema, revalidate: page,
  success: 'User added. Copy the invitation link and send it to them: they set their own password with it.',
  run: async (ctx, input) => { const r = await inviteWorkspaceUser(ctx, input); return { email: r.email, url: r.url, expiresAt: r.expiresAt.toISOString() }; },
});
export const changeRoleAction = defineAction({ schema: roleChangeSchema, run: changeUserRole, revalidate: page, success: 'Role changed.' });
export const setDisabledAction = defineAction({ schema: disableSchema, run: setUserDisabled, revalidate: page, success: 'Saved.' });
export const resetLinkAction = defineAction({
  schema: userIdSchema, revalidate: page,
  success: 'Reset link made. Copy it and send it to them; their older links stop working.',
  run: async (ctx, input) => { const r = await makePasswordResetLink(ctx, input); return { email: r.email, url: r.url, expiresAt: r.expiresAt.toISOString() }; },
});
