import type { IntegrationGridRow } from '@/lib/dal/integrations';
import type { ActionResult } from '@/lib/errors';

export type { IntegrationGridRow };

/** One run as the Log overlay lists it. */
export interface RunSummary {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  startedAt: Date | null;
  queuedAt: Date;
  runtimeMs: number | null;
  message: string | null;
}

/** The server actions the grid calls; the page passes them in. */
export interface GridActions {
  rows: () => Promise<ActionResult<IntegrationGridRow[]>>;
  runNow: (id: string) => Promise<ActionResult<{ id: string }>>;
  setEnabled: (id: string, enabled: boolean) => Promise<ActionResult<{ enabled: boolean }>>;
  remove: (id: string) => Promise<ActionResult<undefined>>;
  runs: (id: string) => Promise<ActionResult<RunSummary[]>>;
}
