'use client';

import { Menu, MenuLabel, MenuLinkItem, MenuSeparator, MenuSubmitItem } from '@/components/ui/menu';

/** The signed-in user's name and role, with their account settings and sign out (the route's server action). */
export function UserMenu({ name, email, role, signOutAction }: { name: string; email: string; role: string; signOutAction: () => Promise<void> }) {
  return (
    <Menu trigger={
      <button type="button" className="rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100 data-popup-open:bg-slate-100">
        <span className="font-medium">{name}</span> <span className="text-slate-500">({role === 'admin' ? 'Admin' : 'Member'})</span>
      </button>
    }>
      <MenuLabel>{email}</MenuLabel>
      <MenuSeparator />
      <MenuLinkItem href="/settings/account">Change password</MenuLinkItem>
      <MenuSubmitItem formAction={signOutAction}>Sign out</MenuSubmitItem>
    </Menu>
  );
}
