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
export const changeRoleAction = defineAction({
  schema: roleChangeSchema, revalidate: page,
  success: (data) => `${data.email} is now ${data.role === 'admin' ? 'an admin' : 'a member'}.`,
  run: changeUserRole,
});
export const setDisabledAction = defineAction({
  schema: disableSchema, revalidate: page,
  success: (data) => (data.disabled
    ? `${data.email} is disabled and signed out. They cannot sign in until you enable them again.`
    : `${data.email} is enabled. They can sign in again.`),
  run: setUserDisabled,
});
export const resetLinkAction = defineAction({
  schema: userIdSchema, revalidate: page,
  run: async (ctx, input) => {
    const r = await makePasswordResetLink(ctx, input);
    return { email: r.email, url: r.url, expiresAt: r.expiresAt.toISOString(), purpose: r.purpose };
  },
  // After run: TypeScript reads the result's type from run before it types this function's argument.
  success: (data) => (data.purpose === 'invite'
    ? 'New invitation link made. Copy it and send it to them; their older link stops working.'
    : 'Reset link made. Copy it and send it to them; their older links stop working.'),
});
