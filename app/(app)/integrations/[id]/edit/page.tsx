import Link from 'next/link';
import { IntegrationWizard } from '@/components/integrations/wizard/integration-wizard';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page';
import { requirePageContext } from '@/lib/auth/session';
import { loadWizardChoices } from '@/lib/dal/integration-wizard';
import { getIntegrationDetail } from '@/lib/dal/integrations';
import { createFieldAction, describeObjectAction, listObjectsAction, previewIntegrationAction, updateIntegrationAction } from '../../wizard-actions';

export const metadata = { title: 'Edit integration · Data Integration Center' };

export default async function EditIntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requirePageContext();
  const [detail, { accounts, connectors, reports }] = await Promise.all([getIntegrationDetail(ctx, id), loadWizardChoices(ctx)]);
  const toConnector = detail.destinationKind !== 'salesforce';
  // A Salesforce account no longer connected, or a JSON event or action since deleted: the wizard opens where to choose another.
  const connector = toConnector ? connectors.find((c) => c.id === detail.connectorId) : undefined;
  const problem = toConnector
    ? (!connector || !connector.actions.some((a) => a.id === detail.actionId)
      ? (connector ? 'The JSON event or action of this integration was deleted. Choose another on screen 2.' : 'The JSON event or action of this integration was deleted. Choose where to send the rows on screen 1.')
      : null)
    : (!accounts.some((a) => a.id === detail.accountId) ? 'The Salesforce account of this integration is no longer connected. Choose another account on screen 1.' : null);
  const startStep = !problem ? 2 : toConnector && connector ? 1 : 0;
  return (
    <>
      <PageHeader title={`Edit ${detail.name}`} description="The wizard opens at the mapping; use the headers or Back to change the rest."
        actions={<Link href="/integrations" className="text-sm text-brand-700 hover:underline">Back to integrations</Link>} />
      {problem ? <div className="mb-4"><Alert tone="error">{problem}</Alert></div> : null}
      <IntegrationWizard mode="edit" accounts={accounts} connectors={connectors} reports={reports} startStep={startStep}
        initial={{
          destination: toConnector ? 'connector' : 'salesforce',
          accountId: !toConnector && !problem ? detail.accountId ?? '' : '', objectName: detail.objectName ?? '', keys: detail.keys,
          connectorId: connector?.id ?? '', actionId: connector?.actions.some((a) => a.id === detail.actionId) ? detail.actionId ?? '' : '',
          filters: detail.filters.map((f) => ({ column: f.column, operator: f.operator, value: f.value === null || f.value === undefined ? '' : String(f.value) })), sendUnchanged: detail.sendUnchanged,
          reportId: detail.reportId, mappings: detail.mappings, name: detail.name,
          scheduleCron: detail.scheduleCron, scheduleTimezone: detail.scheduleTimezone, enabled: detail.enabled,
        }}
        actions={{
          listObjects: listObjectsAction, describeObject: describeObjectAction, createField: createFieldAction,
          preview: previewIntegrationAction.bind(null, detail.id),
          save: updateIntegrationAction.bind(null, detail.id, detail.version),
        }} />
    </>
  );
}
