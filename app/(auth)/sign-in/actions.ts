'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { z } from 'zod';
import { signIn } from '@/auth';
import { SIGN_IN_MESSAGES } from '@/lib/auth/authenticate';
import { signInSchema } from '@/lib/auth/schemas';
import type { ActionResult } from '@/lib/errors';

/** Only same-site paths may be used as the place to return to after sign-in. */
function safeCallback(url: string | undefined) {
  return url && url.startsWith('/') && !url.startsWith('//') ? url : '/integrations';
}

export async function signInAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return { ok: false, message: 'Some fields need attention.', fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> };
  }
  try {
    await signIn('credentials', { email: parsed.data.email, password: parsed.data.password, redirectTo: safeCallback(parsed.data.callbackUrl) });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = error instanceof CredentialsSignin ? error.code : 'invalid';
      return { ok: false, message: SIGN_IN_MESSAGES[code] ?? SIGN_IN_MESSAGES.invalid };
    }
    throw error; // the redirect after a successful sign-in
  }
  return { ok: true, data: undefined };
}
