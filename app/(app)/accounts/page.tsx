import { AddAccountForm, DisconnectButton, ReconnectButton } from './account-forms';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page';
import { Table, Td, Th } from '@/components/ui/table';
import type { SalesforceEnvironment } from '@/db/schema';
import { requirePageContext } from '@/lib/auth/session';
import { listAccountsForDisplay, type AccountForDisplay } from '@/lib/dal/salesforce-accounts';
import { formatUtc } from '@/lib/format';
import { getSalesforceSettings } from '@/lib/salesforce/app-settings';
import { demoAdminSignIn } from '@/lib/salesforce/demo-org';

const SECTIONS: Array<{ environment: SalesforceEnvironment; label: string }> = [
  { environment: 'sandbox', label: 'Sandbox' },
  { environment: 'production', label: 'Production' },
];

/** What happened to a disconnected account's access at Salesforce (lib/salesforce/disconnect's answer). */
const REVOKED: Record<string, string> = {
  revoked: 'Salesforce revoked its access, and its tokens are deleted here. Integrations that pushed to it fail until you choose another account for them.',
  'already invalid': 'Its access had already ended at Salesforce; its tokens are deleted here. Integrations that pushed to it fail until you choose another account for them.',
  unreachable: 'Salesforce could not be reached to revoke its access; its tokens are deleted here anyway. Integrations that pushed to it fail until you choose another account for them.',
};

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await requirePageContext();
  const [accounts, settings, params] = await Promise.all([listAccountsForDisplay(ctx), getSalesforceSettings(), searchParams]);
  const isAdmin = ctx.user.role === 'admin';
  const [sandboxAdmin, productionAdmin] = [demoAdminSignIn('sandbox'), demoAdminSignIn('production')];
  return (
    <>
      <PageHeader title="Accounts" description="Salesforce orgs connected with OAuth 2.0. Connect with a user who is a Salesforce admin or has the Modify All Data permission." />
      <div className="flex flex-col gap-4">
        {params.connected ? <Alert tone="success">Connected {params.connected}.</Alert> : null}
        {params.reconnected ? <Alert tone="success">Reconnected {params.reconnected}.</Alert> : null}
        {params.disconnected ? <Alert tone="success">Disconnected {params.disconnected}. {REVOKED[params.revoke ?? ''] ?? REVOKED.revoked}</Alert> : null}
        {settings.demo ? (
          <Alert tone="info">
            No Salesforce Connected App is configured, so Sandbox and Production connect to the built-in demo org. When “+ Add Account” opens its
            sign-in page, use username <strong>{sandboxAdmin.username}</strong> and password <strong>{sandboxAdmin.password}</strong> for Sandbox,
            or <strong>{productionAdmin.username}</strong> and <strong>{productionAdmin.password}</strong> for Production, then press Allow.
          </Alert>
        ) : null}
        {!isAdmin ? <Alert tone="info">Only workspace admins can connect or disconnect accounts.</Alert> : null}
        {SECTIONS.map(({ environment, label }) => (
          <AccountSection key={environment} environment={environment} label={label} isAdmin={isAdmin} askMyDomain={!settings.demo}
            accounts={accounts.filter((a) => a.environment === environment)} />
        ))}
      </div>
    </>
  );
}

function AccountSection({ environment, label, accounts, isAdmin, askMyDomain }: {
  environment: SalesforceEnvironment; label: string; accounts: AccountForDisplay[]; isAdmin: boolean; askMyDomain: boolean;
}) {
  return (
    <section aria-labelledby={`${environment}-heading`} className="rounded-lg border border-slate-200 bg-white p-5">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h2 id={`${environment}-heading`} className="text-lg font-semibold">{label}</h2>
        {isAdmin ? <AddAccountForm environment={environment} label={label} askMyDomain={askMyDomain} /> : null}
      </div>
      {accounts.length === 0 ? <p className="text-sm text-slate-600">No {label} account connected.</p> : (
        <Table caption={`${label} accounts`}>
          <thead><tr><Th>Username</Th><Th>Org</Th><Th>Instance</Th><Th><span className="whitespace-nowrap">Connected (UTC)</span></Th><Th>By</Th><Th>Status</Th>{isAdmin ? <Th /> : null}</tr></thead>
          <tbody className="divide-y divide-slate-100">
            {accounts.map((a) => (
              <tr key={a.id}>
                <Td>{a.username}</Td>
                <Td><span className="whitespace-nowrap">{a.orgName}</span>{a.isDemo ? <span className="ml-2 whitespace-nowrap rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">Demo org</span> : null}</Td>
                <Td><code className="break-all text-xs">{a.instanceUrl}</code></Td>
                <Td><span className="whitespace-nowrap">{formatUtc(a.connectedAt)}</span></Td>
                <Td>{a.connectedByEmail ?? ''}</Td>
                <Td>{a.status === 'connected' ? 'Connected' : <span className="text-red-700">Needs reconnect<br /><span className="text-xs">{a.statusMessage}</span></span>}</Td>
                {isAdmin ? (
                  <Td><div className="flex flex-wrap gap-2">
                    {a.status === 'needs_reconnect' ? <ReconnectButton environment={a.environment} accountId={a.id} username={a.username} /> : null}
                    <DisconnectButton accountId={a.id} username={a.username} />
                  </div></Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
