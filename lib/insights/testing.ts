import type { Database } from '@/db/client';
import { workspaces, type StoredWorkspaceSettings } from '@/db/schema';
import { ingestEvents, type IngestResult } from './ingest';

/** A bare workspace for Insights tests and benchmarks (no users or keys). */
export async function createInsightsWorkspace(db: Database, settings: StoredWorkspaceSettings = {}, name = 'Insights test'): Promise<string> {
  const [row] = await db.insert(workspaces).values({ name, settings }).returning({ id: workspaces.id });
  return row.id;
}

/** An event as tests write it: timestamp as ISO text, everything else optional. */
export interface TestEvent {
  id?: string;
  userId: string;
  email?: string;
  type: string;
  timestamp: string;
  properties?: Record<string, unknown>;
}

/** Ingests events through the real validation and insert path, failing loudly on any rejection. */
export async function ingestForTest(db: Database, workspaceId: string, events: TestEvent[], now = new Date('2030-01-01T00:00:00Z')): Promise<IngestResult> {
  const result = await ingestEvents(db, workspaceId, { events }, now);
  if (result.rejected.length > 0) throw new Error(`test events rejected: ${JSON.stringify(result.rejected)}`);
  return result;
}
