import type { IntegrationGridRow } from '@/lib/dal/integrations';
import type { RunLogLine } from '@/lib/dal/run-log';
import type { ActionResult } from '@/lib/errors';

export type { IntegrationGridRow };

/** One run as the Log overlay lists it (times in ISO-8601 UTC). */
export type RunSummary = RunLogLine;

/** The server actions the grid calls; the page passes them in. */
export interface GridActions {
  rows: () => Promise<ActionResult<IntegrationGridRow[]>>;
  runNow: (id: string) => Promise<ActionResult<{ id: string }>>;
  setEnabled: (id: string, enabled: boolean) => Promise<ActionResult<{ enabled: boolean; nextRunAt: Date | null }>>;
  remove: (id: string) => Promise<ActionResult<undefined>>;
  runs: (id: string) => Promise<ActionResult<RunSummary[]>>;
}
