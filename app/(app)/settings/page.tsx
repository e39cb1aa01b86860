import Link from 'next/link';
import { PageHeader } from '@/components/ui/page';
import { requirePageContext } from '@/lib/auth/session';

const SECTIONS = [
  { href: '/settings/users', title: 'Users', text: 'Add people, set admin or member roles, disable accounts.', admin: true },
  { href: '/settings/api-keys', title: 'API keys', text: 'Keys for the event ingestion API. Shown once, stored hashed.', admin: true },
  { href: '/settings/audit', title: 'Audit log', text: 'Who did what, and when.', admin: true },
  { href: '/settings/workspace', title: 'Workspace options', text: 'TeachMe on or off, onboarding tasks, Salesforce field prefix.', admin: true },
  { href: '/settings/account', title: 'Your account', text: 'Change your password.', admin: false },
];

export default async function SettingsPage() {
  const { user } = await requirePageContext();
  const visible = SECTIONS.filter((s) => !s.admin || user.role === 'admin');
  return (
    <>
      <PageHeader title="Settings" description={user.role === 'admin' ? 'Workspace administration.' : 'Only admins manage users, API keys and the audit log.'} />
      <ul className="grid gap-4 sm:grid-cols-2">
        {visible.map((s) => (
          <li key={s.href}>
            <Link href={s.href} className="block rounded-lg border border-slate-200 bg-white p-5 hover:border-brand-600">
              <h2 className="font-semibold text-slate-800">{s.title}</h2>
              <p className="mt-1 text-sm text-slate-600">{s.text}</p>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
