import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CustomReportForm } from '@/components/reports/custom-report-form';
import { formValuesOf } from '@/lib/insights/custom-report-form';
import { buttonClass } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/page';
import { requirePageContext } from '@/lib/auth/session';
import { getCustomReport } from '@/lib/dal/reports';
import { AppError } from '@/lib/errors';
import { updateCustomReportAction } from '../../actions';
import { DeleteReportForm } from './delete-report-form';

export default async function EditCustomReportPage({ params }: { params: Promise<{ reportId: string }> }) {
  const ctx = await requirePageContext();
  const { reportId } = await params;
  let report;
  try {
    report = await getCustomReport(ctx, reportId);
  } catch (error) {
    // Built-in reports have no definition to edit, so they are "not found" here as well.
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
  return (
    <>
      <PageHeader title={`Edit ${report.definition.name}`}
        description="Changes apply to the preview, downloads and the next run of every integration using this report."
        actions={<Link href={`/reports/${report.id}`} className={buttonClass('secondary')}>Back to preview</Link>} />
      <div className="flex flex-col gap-6">
        <Card>
          <CustomReportForm initial={formValuesOf(report.definition)} save={updateCustomReportAction.bind(null, report.id)} submitLabel="Save report" />
        </Card>
        <Card title="Delete report">
          <DeleteReportForm reportId={report.id} reportName={report.definition.name} />
        </Card>
      </div>
    </>
  );
}
