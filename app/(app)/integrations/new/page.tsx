import Link from 'next/link';
import { IntegrationWizard } from '@/components/integrations/wizard/integration-wizard';
import { PageHeader } from '@/components/ui/page';
import { requirePageContext } from '@/lib/auth/session';
import { loadWizardChoices } from '@/lib/dal/integration-wizard';
import { DEFAULT_SCHEDULE } from '@/lib/integrations/schedule';
import { createFieldAction, createIntegrationAction, describeObjectAction, listObjectsAction, previewIntegrationAction } from '../wizard-actions';

export const metadata = { title: 'New integration · Data Integration Center' };

/** `?connector=` (and `&action=`) open the wizard with that connector, and its JSON event or action, chosen. */
export default async function NewIntegrationPage({ searchParams }: { searchParams: Promise<{ connector?: string; action?: string }> }) {
  const [ctx, params] = await Promise.all([requirePageContext(), searchParams]);
  const { accounts, connectors, reports } = await loadWizardChoices(ctx);
  const usable = connectors.filter((c) => c.actions.length > 0);
  const chosen = usable.find((c) => c.id === params.connector || c.actions.some((a) => a.id === params.action))
    ?? (accounts.length === 0 && usable.length === 1 ? usable[0] : undefined);
  const actionId = chosen?.actions.find((a) => a.id === params.action)?.id ?? (chosen?.actions.length === 1 ? chosen.actions[0].id : '');
  return (
    <>
      <PageHeader title="New integration" description="Three screens: where to send, what to send, and which columns go where."
        actions={<Link href="/integrations" className="text-sm text-brand-700 hover:underline">Back to integrations</Link>} />
      <IntegrationWizard mode="create" accounts={accounts} connectors={connectors} reports={reports}
        initial={{
          destination: chosen ? 'connector' : 'salesforce', accountId: !chosen && accounts.length === 1 ? accounts[0].id : '',
          connectorId: chosen?.id ?? '', actionId, reportId: '', objectName: '', keys: [], mappings: [], filters: [], sendUnchanged: false, name: '',
          scheduleCron: DEFAULT_SCHEDULE.cron, scheduleTimezone: DEFAULT_SCHEDULE.timezone, enabled: true,
        }}
        actions={{ listObjects: listObjectsAction, describeObject: describeObjectAction, createField: createFieldAction, preview: previewIntegrationAction.bind(null, undefined), save: createIntegrationAction }} />
    </>
  );
}
