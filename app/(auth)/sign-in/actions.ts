'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { signIn } from '@/auth';
import { parseForm } from '@/lib/auth/action';
import { signInMessage } from '@/lib/auth/authenticate';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { signInSchema } from '@/lib/auth/schemas';
import { echoValues, type ActionResult } from '@/lib/errors';

export async function signInAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  const parsed = parseForm(signInSchema, formData);
  if (!parsed.ok) return parsed;
  try {
    await signIn('credentials', { email: parsed.data.email, password: parsed.data.password, redirectTo: safeCallbackPath(parsed.data.callbackUrl) });
  } catch (error) {
    if (error instanceof AuthError) {
      return { ok: false, message: signInMessage(error instanceof CredentialsSignin ? error.code : 'invalid'), values: echoValues(formData) };
    }
    throw error; // the redirect after a successful sign-in
  }
  return { ok: true, data: undefined };
}
