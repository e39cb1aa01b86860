import { csvDownloadRoute } from '@/lib/api/csv-download';
import { exportWorkspaceReportCsv } from '@/lib/dal/reports';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The whole report as a CSV download, streamed row batch by row batch. */
export const GET = csvDownloadRoute<{ reportId: string }>('report CSV download failed',
  (ctx, { reportId }) => exportWorkspaceReportCsv(ctx, reportId));
