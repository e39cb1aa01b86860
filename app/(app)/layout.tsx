import type { ReactNode } from 'react';
import { AppProviders } from '@/components/shell/providers';
import { NavLinks } from '@/components/shell/nav-links';
import { UserMenu } from '@/components/shell/user-menu';
import { requirePageContext } from '@/lib/auth/session';
import { signOutAction } from './sign-out-action';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const { user } = await requirePageContext();
  return (
    <AppProviders>
      <div className="min-h-screen">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-2">
            <div className="flex items-center gap-6">
              <span className="text-sm font-semibold text-brand-700">Data Integration Center</span>
              <NavLinks />
            </div>
            <UserMenu name={user.name} email={user.email} role={user.role} signOutAction={signOutAction} />
          </div>
        </header>
        <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
      </div>
    </AppProviders>
  );
}
