'use server';

import { defineAction } from '@/lib/auth/action';
import { disableSchema, newUserSchema, resetPasswordSchema, roleChangeSchema } from '@/lib/auth/schemas';
import { changeUserRole, createWorkspaceUser, resetUserPassword, setUserDisabled } from '@/lib/dal/users';

const page = '/settings/users';

export const createUserAction = defineAction({
  schema: newUserSchema, revalidate: page, success: 'User added. Share the password with them securely.',
  run: async (ctx, input) => { const m = await createWorkspaceUser(ctx, input); return { id: m.id, email: m.email }; },
});
export const changeRoleAction = defineAction({ schema: roleChangeSchema, run: changeUserRole, revalidate: page, success: 'Role changed.' });
export const setDisabledAction = defineAction({ schema: disableSchema, run: setUserDisabled, revalidate: page, success: 'Saved.' });
export const resetPasswordAction = defineAction({
  schema: resetPasswordSchema, run: resetUserPassword, revalidate: page,
  success: 'Password reset. Their open sessions have ended.',
});
