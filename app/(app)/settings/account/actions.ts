'use server';

import { defineAction } from '@/lib/auth/action';
import { changeOwnPasswordSchema } from '@/lib/auth/schemas';
import { changeOwnPassword } from '@/lib/dal/users';

export const changePasswordAction = defineAction({ schema: changeOwnPasswordSchema, run: changeOwnPassword });
