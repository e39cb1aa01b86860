import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { describePasswordLink } from '@/lib/auth/password-links';
import { getDb } from '@/lib/database';
import { SetPasswordForm } from './set-password-form';

export const dynamic = 'force-dynamic';

/** Where an invitation or reset link leads: the person sets their own password. */
export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await describePasswordLink(await getDb(), token) : null;
  if (!link) {
    return (
      <>
        <h1 className="text-xl font-semibold">This link no longer works</h1>
        <div className="mt-4"><Alert tone="error">This link has expired or was already used. Ask an admin of your workspace for a new one.</Alert></div>
        <p className="mt-4 text-sm"><Link href="/sign-in" className="text-brand-700 hover:underline">Go to sign-in</Link></p>
      </>
    );
  }
  return (
    <>
      <h1 className="text-xl font-semibold">{link.purpose === 'invite' ? `Welcome, ${link.name}` : 'Choose a new password'}</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">
        {link.purpose === 'invite' ? 'Choose the password you will sign in with as ' : 'Set a new password for '}
        <strong>{link.email}</strong>. This link works once.
      </p>
      <SetPasswordForm token={token} email={link.email} />
    </>
  );
}
