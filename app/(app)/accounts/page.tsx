import { EmptyState, PageHeader } from '@/components/ui/page';
import { requirePageContext } from '@/lib/auth/session';

export default async function AccountsPage() {
  await requirePageContext();
  return (
    <>
      <PageHeader title="Accounts" description="Salesforce orgs connected with OAuth 2.0, in a Sandbox and a Production section." />
      <EmptyState title="No Salesforce accounts connected">
        Connecting Sandbox and Production orgs is not available in this version yet.
      </EmptyState>
    </>
  );
}
