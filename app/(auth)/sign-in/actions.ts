'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { signIn } from '@/auth';
import { parseForm } from '@/lib/auth/action';
import { SIGN_IN_MESSAGES } from '@/lib/auth/authenticate';
import { signInSchema } from '@/lib/auth/schemas';
import { echoValues, type ActionResult } from '@/lib/errors';

/** Only same-site paths may be used as the place to return to after sign-in. */
function safeCallback(url: string | undefined) {
  return url && url.startsWith('/') && !url.startsWith('//') ? url : '/integrations';
}

export async function signInAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  const parsed = parseForm(signInSchema, formData);
  if (!parsed.ok) return parsed;
  try {
    await signIn('credentials', { email: parsed.data.email, password: parsed.data.password, redirectTo: safeCallback(parsed.data.callbackUrl) });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = error instanceof CredentialsSignin ? error.code : 'invalid';
      return { ok: false, message: SIGN_IN_MESSAGES[code] ?? SIGN_IN_MESSAGES.invalid, values: echoValues(formData) };
    }
    throw error; // the redirect after a successful sign-in
  }
  return { ok: true, data: undefined };
}
