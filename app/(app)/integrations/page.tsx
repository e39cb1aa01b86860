import { EmptyState, PageHeader } from '@/components/ui/page';
import { requirePageContext } from '@/lib/auth/session';

export default async function IntegrationsPage() {
  await requirePageContext();
  return (
    <>
      <PageHeader title="Integrations" description="Push Insights reports into Salesforce objects, on a schedule or with Run Now." />
      <EmptyState title="No integrations yet">
        An integration maps an Insights report onto a Salesforce object. Building one needs a connected Salesforce
        account and the integration wizard, which are not available in this version yet.
      </EmptyState>
    </>
  );
}
