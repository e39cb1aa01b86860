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
  const [detail, { accounts, reports }] = await Promise.all([getIntegrationDetail(ctx, id), loadWizardChoices(ctx)]);
  const accountConnected = accounts.some((a) => a.id === detail.accountId);
  if (detail.destinationKind !== 'salesforce') {
    return (
      <>
        <PageHeader title={`Edit ${detail.name}`} actions={<Link href="/integrations" className="text-sm text-brand-700 hover:underline">Back to integrations</Link>} />
        <Alert tone="info">
          This integration sends report rows to a Qualtrics JSON event or an external action, which the Salesforce wizard does not edit.
          To change it, create a new one on <Link href="/connectors/send" className="underline">Connectors › Send a report</Link> and delete this one.
        </Alert>
      </>
    );
  }
  return (
    <>
      <PageHeader title={`Edit ${detail.name}`} description="The wizard opens at the field mapping; use the headers or Back to change the rest."
        actions={<Link href="/integrations" className="text-sm text-brand-700 hover:underline">Back to integrations</Link>} />
      {!accountConnected ? (
        <div className="mb-4"><Alert tone="error">The Salesforce account of this integration is no longer connected. Choose another account on screen 1.</Alert></div>
      ) : null}
      <IntegrationWizard mode="edit" accounts={accounts} reports={reports} startStep={accountConnected ? 2 : 0}
        initial={{
          accountId: accountConnected ? detail.accountId ?? '' : '', reportId: detail.reportId, objectName: detail.objectName ?? '',
          keys: detail.keys, mappings: detail.mappings, name: detail.name,
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
