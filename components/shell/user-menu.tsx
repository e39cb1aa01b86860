import Link from 'next/link';
import { signOutAction } from './sign-out-action';

/** The signed-in user's name and role, with their account settings and sign out. */
export function UserMenu({ name, email, role }: { name: string; email: string; role: string }) {
  return (
    <details className="relative">
      <summary className="cursor-pointer list-none rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100">
        <span className="font-medium">{name}</span> <span className="text-slate-500">({role})</span>
      </summary>
      <div className="absolute right-0 z-10 mt-1 w-64 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
        <p className="px-2 py-1 text-xs text-slate-500">{email}</p>
        <Link href="/settings/account" className="block rounded px-2 py-1.5 text-sm hover:bg-slate-100">Change password</Link>
        <form action={signOutAction}>
          <button type="submit" className="w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100">Sign out</button>
        </form>
      </div>
    </details>
  );
}
