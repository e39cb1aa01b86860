'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/integrations', label: 'Integrations' },
  { href: '/reports', label: 'Reports' },
  { href: '/accounts', label: 'Accounts' },
  { href: '/connectors', label: 'Connectors' },
  { href: '/settings', label: 'Settings' },
];

/** The main navigation; the current section is marked for sight and for screen readers. */
export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex gap-1">
      {LINKS.map((link) => {
        const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <Link key={link.href} href={link.href} aria-current={current ? 'page' : undefined}
            className={`rounded-md px-3 py-2 text-sm font-medium ${current ? 'bg-brand-50 text-brand-700' : 'text-slate-600 hover:bg-slate-100'}`}>
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
