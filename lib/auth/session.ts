import 'server-only';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { auth } from '@/auth';
import { getDb } from '@/lib/database';
import type { Database } from '@/db/client';
import { isAuthSessionActive } from '@/db/queries/auth-sessions';
import { findUserWithMembership } from '@/db/queries/users';
import type { Role } from '@/db/schema';
import { AppError } from '@/lib/errors';

/** Who is acting, in which workspace, with which role: checked against the database on every request. */
export interface SessionUser {
  userId: string;
  workspaceId: string;
  role: Role;
  email: string;
  name: string;
}

/** What every data-access function receives: the database and the verified session. */
export interface Ctx {
  db: Database;
  user: SessionUser;
}

/**
 * Reads the session cookie, then confirms against the database that the user still exists, is enabled,
 * belongs to the workspace and holds the same session version (a password change or disable bumps it), and
 * that the session itself is still open (not signed out, not past its absolute end).
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await auth()) as { uid?: string; wid?: string; sv?: number; sid?: string } | null;
  if (!session?.uid || !session.sid) return null;
  const db = await getDb();
  const [row, open] = await Promise.all([findUserWithMembership(db, session.uid), isAuthSessionActive(db, session.sid, session.uid)]);
  if (!open || !row || row.user.disabledAt || row.user.sessionVersion !== session.sv || row.workspaceId !== session.wid) return null;
  return { userId: row.user.id, workspaceId: row.workspaceId, role: row.role, email: row.user.email, name: row.user.name };
});

/** For pages: the context, or a redirect to sign-in explaining that the session ended. */
export async function requirePageContext(): Promise<Ctx> {
  const user = await getSessionUser();
  if (!user) redirect('/sign-in?reason=session-ended');
  return { db: await getDb(), user };
}

/** For server actions and route handlers: the context, or an UNAUTHENTICATED error. */
export async function requireContext(): Promise<Ctx> {
  const user = await getSessionUser();
  if (!user) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again to continue.');
  return { db: await getDb(), user };
}
