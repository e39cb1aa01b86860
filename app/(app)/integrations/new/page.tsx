import Link from 'next/link';
import { IntegrationWizard } from '@/components/integrations/wizard/integration-wizard';
import { PageHeader } from '@/components/ui/page';
import { requirePageContext } from '@/lib/auth/session';
import { loadWizardChoices } from '@/lib/dal/integration-wizard';
import { DEFAULT_SCHEDULE } from '@/lib/integrations/schedule';
import { createFieldAction, createIntegrationAction, describeObjectAction, listObjectsAction, previewIntegrationAction } from '../wizard-actions';

export const metadata = { title: 'New integration · Data Integration Center' };

export default async function NewIntegrationPage() {
  const ctx = await requirePageContext();
  const { accounts, reports } = await loadWizardChoices(ctx);
  return (
    <>
      <PageHeader title="New integration" description="Three screens: where to push, what to match, and which fields to update."
        actions={<Link href="/integrations" className="text-sm text-brand-700 hover:underline">Back to integrations</Link>} />
      <p className="mb-4 text-sm text-slate-600">
        Sending rows to a Qualtrics JSON event or an external action instead? <Link href="/connectors/send" className="text-brand-700 underline">Send a report to a connector</Link>.
      </p>
      <IntegrationWizard mode="create" accounts={accounts} reports={reports}
        initial={{
          accountId: accounts.length === 1 ? accounts[0].id : '', reportId: '', objectName: '', keys: [], mappings: [], name: '',
          scheduleCron: DEFAULT_SCHEDULE.cron, scheduleTimezone: DEFAULT_SCHEDULE.timezone, enabled: true,
        }}
        actions={{ listObjects: listObjectsAction, describeObject: describeObjectAction, createField: createFieldAction, preview: previewIntegrationAction.bind(null, undefined), save: createIntegrationAction }} />
    </>
  );
}
