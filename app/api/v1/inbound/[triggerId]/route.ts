import { getDatabaseHandle } from '@/lib/database';
import { handleInboundCall } from '@/lib/connectors/inbound';
import { inboundLimiters } from '@/lib/connectors/inbound-limiter';
import { inboundRunStarter } from '@/lib/connectors/inbound-run';
import { getBoss } from '@/lib/runtime';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Inbound JSON event (Basic credentials of the trigger): see lib/connectors/inbound.ts for the answers. */
export async function POST(request: Request, { params }: { params: Promise<{ triggerId: string }> }): Promise<Response> {
  const { triggerId } = await params;
  const handle = await getDatabaseHandle();
  return handleInboundCall({ db: handle.db, limiters: inboundLimiters(handle), startRun: inboundRunStarter(await getBoss()) }, request, triggerId);
}
