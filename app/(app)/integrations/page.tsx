import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { EmptyState, PageHeader } from '@/components/ui/page';
import { requirePageContext } from '@/lib/auth/session';

export default async function IntegrationsPage() {
  await requirePageContext();
  return (
    <>
      <PageHeader title="Integrations" description="Push Insights reports into Salesforce objects, on a schedule or with Run Now."
        actions={<Link href="/accounts" className={buttonClass('secondary')}>ACCOUNTS</Link>} />
      <EmptyState title="No integrations yet">
        An integration maps an Insights report onto a Salesforce object. Connect a Salesforce account under
        ACCOUNTS first; the integration wizard is not available in this version yet.
      </EmptyState>
    </>
  );
}
