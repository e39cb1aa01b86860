import { getDatabaseHandle } from '@/lib/database';
import { eventsRateLimiter, handleEventsRequest } from '@/lib/insights/events-api';

// PGlite, pg and node:crypto need Node, not the edge runtime.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Ingestion API: see lib/insights/events-api.ts for authentication, limits and answers. */
export async function POST(request: Request): Promise<Response> {
  const handle = await getDatabaseHandle();
  return handleEventsRequest(handle.db, request, { limiter: eventsRateLimiter(handle) });
}
