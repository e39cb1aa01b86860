import Link from 'next/link';
import { CustomReportForm } from '@/components/reports/custom-report-form';
import { newReportValues } from '@/lib/insights/custom-report-form';
import { buttonClass } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/page';
import { requirePageContext } from '@/lib/auth/session';
import { createCustomReportAction } from '../actions';

export default async function NewCustomReportPage() {
  await requirePageContext();
  return (
    <>
      <PageHeader title="New custom report"
        description="One row per end user. Pick end-user fields and metrics over their events; each column needs a label, which is also its name in integrations and CSV downloads."
        actions={<Link href="/reports" className={buttonClass('secondary')}>All reports</Link>} />
      <Card>
        <CustomReportForm initial={newReportValues()} save={createCustomReportAction} submitLabel="Create report" />
      </Card>
    </>
  );
}
