import { getDatabaseHandle } from '@/lib/database';
import { handleGetRun, runsRateLimit } from '@/lib/api/runs-api';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A run's status, counts and progress (API key): see lib/api/runs-api.ts. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const handle = await getDatabaseHandle();
  return handleGetRun(handle.db, request, id, new Date(), { limiter: runsRateLimit.limiterFor(handle) });
}
