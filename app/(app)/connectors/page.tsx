import { ConnectorActionsProvider, type ConnectorActions } from '@/components/connectors/connector-actions';
import { ConnectorIntegrationsSection } from '@/components/connectors/connector-integrations-section';
import { QualtricsSection } from '@/components/connectors/qualtrics-section';
import { SystemsSection } from '@/components/connectors/systems-section';
import { TriggersSection } from '@/components/connectors/triggers-section';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page';
import { requirePageContext } from '@/lib/auth/session';
import { getConfig } from '@/lib/config';
import { listActionsForDisplay } from '@/lib/dal/connector-actions';
import { listConnectorIntegrationsForDisplay } from '@/lib/dal/connector-integrations';
import { listConnectorsForDisplay } from '@/lib/dal/connectors';
import { demoConnectorsInfo } from '@/lib/dal/demo-connectors';
import { listInboundTriggersForDisplay } from '@/lib/dal/inbound-triggers';
import { listIntegrations } from '@/lib/dal/integrations';
import * as server from './actions';

const serverActions: ConnectorActions = {
  saveQualtricsConnection: server.saveQualtricsConnectionAction, revealQualtricsHeader: server.revealQualtricsHeaderAction, setUpDemoQualtrics: server.setUpDemoQualtricsAction,
  saveQualtricsEvent: server.saveQualtricsEventAction, testQualtricsEvent: server.testQualtricsEventAction,
  saveConnector: server.saveConnectorAction, deleteConnector: server.deleteConnectorAction,
  saveAction: server.saveActionAction, testAction: server.testActionAction, deleteAction: server.deleteActionAction,
  createTrigger: server.createTriggerAction, rotateTrigger: server.rotateTriggerAction, deleteTrigger: server.deleteTriggerAction,
  runConnectorIntegration: server.runConnectorIntegrationAction,
};

export default async function ConnectorsPage() {
  const ctx = await requirePageContext();
  const [connectors, actions, triggers, integrations, sending, demo] = await Promise.all([
    listConnectorsForDisplay(ctx), listActionsForDisplay(ctx), listInboundTriggersForDisplay(ctx), listIntegrations(ctx),
    listConnectorIntegrationsForDisplay(ctx), demoConnectorsInfo(),
  ]);
  const isAdmin = ctx.user.role === 'admin';
  const qualtrics = connectors.find((c) => c.kind === 'qualtrics') ?? null;
  return (
    <>
      <PageHeader title="Connectors" description="Qualtrics and Gainsight settings, external actions and inbound JSON-event triggers." />
      <ConnectorActionsProvider actions={serverActions}>
        <div className="flex flex-col gap-6">
          {!isAdmin ? <Alert tone="info">Only workspace admins can change connectors and triggers. You can use their actions in integrations.</Alert> : null}
          <QualtricsSection connection={qualtrics} events={actions.filter((a) => a.connectorKind === 'qualtrics')} isAdmin={isAdmin} demo={demo} />
          <SystemsSection connectors={connectors.filter((c) => c.kind === 'http')} actions={actions.filter((a) => a.connectorKind === 'http')} isAdmin={isAdmin} />
          <ConnectorIntegrationsSection integrations={sending} actions={actions} />
          <TriggersSection triggers={triggers} integrations={integrations.map((i) => ({ id: i.id, name: i.name }))} isAdmin={isAdmin} appUrl={getConfig().appUrl} />
        </div>
      </ConnectorActionsProvider>
    </>
  );
}
