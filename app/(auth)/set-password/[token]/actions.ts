'use server';

import { redirect } from 'next/navigation';
import { getDb } from '@/lib/database';
import { parseForm } from '@/lib/auth/action';
import { setPasswordWithLink } from '@/lib/auth/password-links';
import { setPasswordWithLinkSchema } from '@/lib/auth/schemas';
import { toActionError, type ActionResult } from '@/lib/errors';

/** Sets the password of the person an invitation or reset link is for; the link itself is the credential. */
export async function setPasswordAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  const parsed = parseForm(setPasswordWithLinkSchema, formData);
  if (!parsed.ok) return parsed;
  try {
    await setPasswordWithLink(await getDb(), parsed.data);
  } catch (error) {
    return toActionError(error);
  }
  redirect('/sign-in?reason=password-set');
}
