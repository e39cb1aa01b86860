import { EmptyState, PageHeader } from '@/components/ui/page';
import { requirePageContext } from '@/lib/auth/session';

export default async function ReportsPage() {
  await requirePageContext();
  return (
    <>
      <PageHeader title="Reports" description="Insights reports built from your end users' product events." />
      <EmptyState title="Reports are on their way">
        The report catalog is not available in this version yet. Events can already be sent to the ingestion API with an API key from Settings.
      </EmptyState>
    </>
  );
}
