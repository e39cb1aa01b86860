import { AdminOnly } from '@/components/settings/admin-only';
import { Card, PageHeader } from '@/components/ui/page';
import { requirePageContext } from '@/lib/auth/session';
import { readWorkspaceSettings } from '@/lib/dal/workspace-settings';
import { WorkspaceForm } from './workspace-form';

export default async function WorkspaceSettingsPage() {
  const ctx = await requirePageContext();
  if (ctx.user.role !== 'admin') return (<><PageHeader title="Workspace options" /><AdminOnly what="change workspace options" /></>);
  const settings = await readWorkspaceSettings(ctx);
  return (
    <>
      <PageHeader title="Workspace options" description={settings.name} />
      <Card><WorkspaceForm initial={settings} /></Card>
    </>
  );
}
