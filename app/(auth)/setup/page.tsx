import { redirect } from 'next/navigation';
import { getDb } from '@/lib/database';
import { needsFirstRunSetup } from '@/db/queries/workspaces';
import { SetupForm } from './setup-form';

// Reads the database on every request (whether setup is done), so never prerender at build time.
export const dynamic = 'force-dynamic';

export default async function SetupPage() {
  if (!(await needsFirstRunSetup(await getDb()))) redirect('/sign-in');
  return (
    <>
      <h1 className="text-xl font-semibold">Set up Data Integration Center</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">Create your workspace and its first admin. This page is only shown once.</p>
      <SetupForm />
    </>
  );
}
