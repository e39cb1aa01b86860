import { Card, PageHeader } from '@/components/ui/page';
import { requirePageContext } from '@/lib/auth/session';
import { PasswordForm } from './password-form';

export default async function AccountSettingsPage() {
  const { user } = await requirePageContext();
  return (
    <>
      <PageHeader title="Your account" description={`${user.name} · ${user.email} · ${user.role === 'admin' ? 'Admin' : 'Member'}`} />
      <Card title="Change password"><PasswordForm /></Card>
    </>
  );
}
