import { csvDownloadRoute } from '@/lib/api/csv-download';
import { exportRunRejectedRowsCsv } from '@/lib/dal/run-log';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A run's rejected rows (key, record ids, field, error code, message, fix) as a CSV download. */
export const GET = csvDownloadRoute<{ id: string; runId: string }>('rejected rows CSV download failed',
  (ctx, { id, runId }) => exportRunRejectedRowsCsv(ctx, id, runId));
