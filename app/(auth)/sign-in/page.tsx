import { redirect } from 'next/navigation';
import { getDb } from '@/lib/database';
import { needsFirstRunSetup } from '@/db/queries/workspaces';
import { getSessionUser } from '@/lib/auth/session';
import { SignInForm } from './sign-in-form';

// Reads the database on every request (whether setup is done), so never prerender at build time.
export const dynamic = 'force-dynamic';

const NOTICES: Record<string, string> = {
  'session-ended': 'Your session has ended: it expired, your password was changed, or your account was disabled. Sign in again.',
  'signed-out': 'You are signed out.',
  'setup-done': 'Your workspace is ready. Sign in with the email and password you just chose.',
  'password-set': 'Your password is set. Sign in with it.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (await needsFirstRunSetup(await getDb())) redirect('/setup');
  if (await getSessionUser()) redirect('/integrations');
  const params = await searchParams;
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold">Sign in</h1>
      <SignInForm callbackUrl={params.callbackUrl} notice={params.reason ? NOTICES[params.reason] : undefined} />
    </>
  );
}
