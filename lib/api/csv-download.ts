import { Readable } from 'node:stream';
import { requireContext, type Ctx } from '@/lib/auth/session';
import { errorResponse } from './error-response';

/** What a CSV download's DAL function gives: the file's name and its rows as a stream. */
export interface CsvDownload {
  filename: string;
  stream: Readable;
}

/**
 * A route handler that streams a CSV file to a signed-in user: it checks the session, lets `open` (a DAL
 * function, which checks the workspace) make the file, and streams it as an attachment that is never
 * cached. Failures answer as every route does (errorResponse), logged with `what`.
 */
export function csvDownloadRoute<Params>(what: string, open: (ctx: Ctx, params: Params) => Promise<CsvDownload>) {
  return async (_request: Request, { params }: { params: Promise<Params> }): Promise<Response> => {
    try {
      const ctx = await requireContext();
      const { filename, stream } = await open(ctx, await params);
      return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${filename}"`,
          'cache-control': 'no-store',
        },
      });
    } catch (error) {
      return errorResponse(error, what);
    }
  };
}
