import Link from 'next/link';
import { SendReportForm } from '@/components/connectors/send-report-form';
import { EmptyState, PageHeader } from '@/components/ui/page';
import { requirePageContext } from '@/lib/auth/session';
import { listActionsForDisplay } from '@/lib/dal/connector-actions';
import { listWorkspaceReports } from '@/lib/dal/reports';
import { createConnectorIntegrationAction } from '../actions';

export default async function SendReportPage({ searchParams }: { searchParams: Promise<{ action?: string }> }) {
  const ctx = await requirePageContext();
  const [actions, reports, params] = await Promise.all([listActionsForDisplay(ctx), listWorkspaceReports(ctx), searchParams]);
  return (
    <>
      <PageHeader title="Send a report" description="An integration to a Qualtrics JSON event or an external action: one call per matching report row, daily at 08:00 UTC and with Run Now." />
      {actions.length === 0 ? (
        <EmptyState title="No JSON events or actions yet">
          An admin adds a Qualtrics JSON event or an external action on the <Link className="text-brand-700 underline" href="/connectors">Connectors</Link> page first.
        </EmptyState>
      ) : (
        <section className="rounded-lg border border-slate-200 bg-white p-5">
          <SendReportForm initialActionId={params.action} create={createConnectorIntegrationAction}
            actions={actions.map((a) => ({ id: a.id, name: a.name, connectorName: a.connectorName, tokens: a.tokens }))}
            reports={reports.map((r) => ({ id: r.id, name: r.name, columns: r.columns.map((c) => c.name) }))} />
        </section>
      )}
    </>
  );
}
