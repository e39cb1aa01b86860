import { getDb } from '@/lib/database';
import { handleStartRun } from '@/lib/api/runs-api';
import { getBoss } from '@/lib/runtime';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Starts a run of the integration (API key): see lib/api/runs-api.ts for the answers. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleStartRun(await getDb(), await getBoss(), request, id);
}
