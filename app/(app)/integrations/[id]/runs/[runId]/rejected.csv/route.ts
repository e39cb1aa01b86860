import { Readable } from 'node:stream';
import { errorResponse } from '@/lib/api/error-response';
import { requireContext } from '@/lib/auth/session';
import { exportRunRejectedRowsCsv } from '@/lib/dal/run-log';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A run's rejected rows (key, record ids, field, error code, message, fix) as a CSV download. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; runId: string }> }): Promise<Response> {
  try {
    const ctx = await requireContext();
    const { id, runId } = await params;
    const { filename, stream } = await exportRunRejectedRowsCsv(ctx, id, runId);
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${filename}"`,
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    return errorResponse(error, 'rejected rows CSV download failed');
  }
}
