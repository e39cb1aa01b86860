import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Database, DatabaseHandle } from '@/db/client';
import { authenticateApiKey } from '@/lib/api/api-key';
import { errorResponse } from '@/lib/api/error-response';
import { consumeRate, NamedRateLimit, type RateLimit } from '@/lib/api/rate-limit';
import { AppError } from '@/lib/errors';
import { ingestEvents } from './ingest';

/** Largest request body the ingestion API reads: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Requests per key per window: 20 a second; a burst of this many is allowed, then callers wait for the window to pass. */
export type EventsRateLimit = RateLimit;

const eventsLimit = new NamedRateLimit('insights-events', { points: 20, durationSeconds: 1 });

/** Replaces the per-key limit (and forgets what callers used so far); tests set it low, deployments may raise it. */
export function configureEventsRateLimit(limit?: EventsRateLimit): void {
  eventsLimit.configure(limit);
}

/**
 * The ingestion limiter for a database. On PostgreSQL the counters live in the database (table rate_limits),
 * so N web instances together allow the rate once, not N times. Embedded PGlite is one process by
 * construction, so its counters stay in memory.
 */
export function eventsRateLimiter(handle: Pick<DatabaseHandle, 'kind' | 'pool'>): RateLimiterAbstract {
  return eventsLimit.limiterFor(handle);
}

/** Collaborators of the handler; tests pass their own clock or limiter. */
export interface EventsRequestOptions {
  now?: () => Date;
  limiter?: RateLimiterAbstract;
}

/**
 * Answers `POST /api/v1/events`: authenticates the Bearer key, rate-limits per key, reads at most 1 MiB,
 * validates and stores the events. Always returns a Response; errors become JSON `{ error, code }` (lib/api/error-response.ts).
 */
export async function handleEventsRequest(db: Database, request: Request, options: EventsRequestOptions = {}): Promise<Response> {
  try {
    const key = await authenticateApiKey(db, request);
    await consumeRate(options.limiter ?? eventsLimit.inMemory(), key.keyId, 'Too many requests for this API key.');
    const body = await readJsonBody(request);
    const result = await ingestEvents(db, key.workspaceId, body, options.now?.() ?? new Date());
    if (result.accepted === 0 && result.duplicates === 0 && result.rejected.length > 0) {
      // Nothing stored: a 400 tells the sender that retrying the same request cannot help.
      return Response.json({ error: 'Every event was rejected, so nothing was stored. Fix the events listed in "rejected" and send them again.', ...result }, { status: 400 });
    }
    return Response.json(result, { status: 202 });
  } catch (error) {
    return errorResponse(error, 'insights ingestion failed');
  }
}

/** Reads the body while counting bytes, so a missing or lying Content-Length cannot get past the limit. */
async function readJsonBody(request: Request): Promise<unknown> {
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `The body must be at most ${MAX_BODY_BYTES} bytes (1 MiB); send fewer events per request.`);
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError('VALIDATION', 'The body is not valid UTF-8.');
  }
  if (text.trim() === '') throw new AppError('VALIDATION', 'The body is empty; send {"events": [...]}.');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError('VALIDATION', `The body is not valid JSON: ${(error as Error).message}`);
  }
}
