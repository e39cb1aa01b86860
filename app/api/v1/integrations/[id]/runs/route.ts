import { getDatabaseHandle } from '@/lib/database';
import { handleStartRun, runsRateLimit } from '@/lib/api/runs-api';
import { getBoss } from '@/lib/runtime';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Starts a run of the integration (API key): see lib/api/runs-api.ts for the answers. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const handle = await getDatabaseHandle();
  return handleStartRun(handle.db, await getBoss(), request, id, { limiter: runsRateLimit.limiterFor(handle) });
}
