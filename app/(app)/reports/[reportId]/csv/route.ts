import { Readable } from 'node:stream';
import { requireContext } from '@/lib/auth/session';
import { exportWorkspaceReportCsv } from '@/lib/dal/reports';
import { errorResponse } from '@/lib/api/error-response';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The whole report as a CSV download, streamed row batch by row batch. */
export async function GET(_request: Request, { params }: { params: Promise<{ reportId: string }> }): Promise<Response> {
  try {
    const ctx = await requireContext();
    const { reportId } = await params;
    const { filename, stream } = await exportWorkspaceReportCsv(ctx, reportId);
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${filename}"`,
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    return errorResponse(error, 'report CSV download failed');
  }
}
