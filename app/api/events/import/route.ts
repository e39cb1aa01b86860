import { Readable, Transform } from 'node:stream';
import { requireContext } from '@/lib/auth/session';
import { importEvents } from '@/lib/dal/reports';
import { errorResponse } from '@/lib/api/error-response';
import { AppError } from '@/lib/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Largest CSV one upload may carry; bigger exports are split into several files. */
const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
const tooLargeMessage = 'The file is larger than 50 MB. Split it into smaller files and import each one.';

/** Thrown by the byte limit inside the stream, so it can be told from a parse error. */
class TooLarge extends Error {}

/** The file's name for the audit entry; the page sends it URI-encoded since headers are ASCII. */
function fileNameOf(request: Request): string {
  const raw = request.headers.get('x-file-name') ?? 'upload.csv';
  try {
    return decodeURIComponent(raw).slice(0, 200);
  } catch {
    return raw.slice(0, 200);
  }
}

/** True without an Origin header (same-site navigation, curl) or with one on this host; "null" and junk are foreign. */
function sameOrigin(origin: string | null, host: string | null): boolean {
  if (origin === null) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Passes bytes through until the limit: a second guard behind the declared size. */
function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > limit ? new TooLarge(tooLargeMessage) : null, chunk);
    },
  });
}

/**
 * Imports events from a CSV file sent as the raw request body (the Reports › Import page sends the file
 * itself, not a multipart form, so the body streams straight into the parser and is never held in memory).
 * Signed-in users of any role may import; events go to the caller's workspace only.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    // A cross-site page cannot send this request with our cookie, but check the origin as server actions do.
    if (!sameOrigin(request.headers.get('origin'), request.headers.get('host'))) {
      throw new AppError('FORBIDDEN', 'Cross-site requests are not accepted.');
    }
    const ctx = await requireContext();
    // The size must be known up front: a file refused half-way would leave its first batches imported.
    const lengthHeader = request.headers.get('content-length');
    const declared = lengthHeader === null ? Number.NaN : Number(lengthHeader);
    if (!Number.isFinite(declared)) {
      throw new AppError('LENGTH_REQUIRED', 'Send the file with its size (a Content-Length header), as browsers and curl --data-binary do.');
    }
    if (declared > MAX_IMPORT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', tooLargeMessage);
    if (!request.body) throw new AppError('VALIDATION', 'The request has no file. Choose a CSV file and import again.');

    const limited = Readable.fromWeb(request.body as import('node:stream/web').ReadableStream<Uint8Array>).pipe(byteLimit(MAX_IMPORT_BYTES));
    const summary = await importEvents(ctx, limited, fileNameOf(request));
    return Response.json(summary);
  } catch (error) {
    if (error instanceof TooLarge) {
      // Batches are written as they are read, so what came before the limit is already stored.
      return errorResponse(new AppError('PAYLOAD_TOO_LARGE', `${tooLargeMessage} Lines before the limit may have been imported already.`));
    }
    return errorResponse(error, 'CSV event import failed');
  }
}
