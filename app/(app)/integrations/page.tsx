import Link from 'next/link';
import { IntegrationsGrid } from '@/components/integrations/grid/integrations-grid';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page';
import { requirePageContext } from '@/lib/auth/session';
import { listIntegrations } from '@/lib/dal/integrations';
import { listAccountsForDisplay } from '@/lib/dal/salesforce-accounts';
import { deleteIntegrationAction, gridRowsAction, integrationRunsAction, runNowAction, setEnabledAction } from './actions';

export default async function IntegrationsPage() {
  const ctx = await requirePageContext();
  const [rows, accounts] = await Promise.all([listIntegrations(ctx), listAccountsForDisplay(ctx)]);
  const connected = accounts.some((a) => a.status === 'connected');
  return (
    <>
      <PageHeader title="Integrations" description="Push Insights reports into Salesforce objects, Qualtrics JSON events or external actions, on a schedule or with Run Now."
        actions={<>
          <Link href="/integrations/new" className={buttonClass('primary')}>CREATE NEW INTEGRATION</Link>
          <Link href="/accounts" className={buttonClass('secondary')}>ACCOUNTS</Link>
        </>} />
      {rows.length === 0 ? (
        <section aria-labelledby="first-steps" className="rounded-lg border border-dashed border-slate-300 bg-white p-8">
          <h2 id="first-steps" className="text-base font-semibold text-slate-800">No integrations yet: two steps to your first one</h2>
          <ol className="mt-4 grid gap-4 sm:grid-cols-2">
            <li className="rounded-md border border-slate-200 p-4">
              <p className="text-sm font-semibold text-slate-800">1. Connect a Salesforce account {connected ? <span className="ml-1 text-green-700">✓ done</span> : null}</p>
              <p className="mt-1 text-sm text-slate-600">Sign in to your Sandbox or Production org, with a user that may modify all data.</p>
              <Link href="/accounts" className={`${buttonClass(connected ? 'secondary' : 'primary')} mt-3`}>{connected ? 'See accounts' : 'Connect an account'}</Link>
            </li>
            <li className="rounded-md border border-slate-200 p-4">
              <p className="text-sm font-semibold text-slate-800">2. Create an integration</p>
              <p className="mt-1 text-sm text-slate-600">
                Pick a report and a Salesforce object, match them on a key such as Email, and map the columns to fields. To send rows to a Qualtrics
                JSON event or an external action instead, set it up on the <Link href="/connectors" className="text-brand-700 underline">Connectors</Link> page first.
              </p>
              <Link href="/integrations/new" className={`${buttonClass(connected ? 'primary' : 'secondary')} mt-3`}>Create an integration</Link>
            </li>
          </ol>
        </section>
      ) : (
        <IntegrationsGrid initial={rows} isAdmin={ctx.user.role === 'admin'}
          actions={{ rows: gridRowsAction, runNow: runNowAction, setEnabled: setEnabledAction, remove: deleteIntegrationAction, runs: integrationRunsAction }} />
      )}
    </>
  );
}
