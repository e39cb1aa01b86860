'use server';

import { signOut } from '@/auth';

/** Ends the caller's session (signing out needs none to be valid) and shows the signed-out page. */
export async function signOutAction() {
  await signOut({ redirectTo: '/sign-in?reason=signed-out' });
}
