import { EmptyState, PageHeader } from '@/components/ui/page';
import { requirePageContext } from '@/lib/auth/session';

export default async function ConnectorsPage() {
  await requirePageContext();
  return (
    <>
      <PageHeader title="Connectors" description="Qualtrics and Gainsight settings, external actions and inbound JSON-event triggers." />
      <EmptyState title="No connectors yet">
        Qualtrics and Gainsight connectors are not available in this version yet.
      </EmptyState>
    </>
  );
}
