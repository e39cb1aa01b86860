import type { PgBoss } from 'pg-boss';
import { isAppError } from '@/lib/errors';
import { startRun } from '@/lib/runs/start-run';
import type { StartInboundRun } from './inbound';

/**
 * Starts the trigger's integration through the one startRun. Gainsight calls once per row of a rule, so a
 * call that finds the integration already queued or running joins that run instead of being refused.
 */
export function inboundRunStarter(boss: PgBoss): StartInboundRun {
  return async (db, input) => {
    try {
      const run = await startRun(db, boss, { ...input, triggeredBy: null });
      return { runId: run.id };
    } catch (error) {
      const active = isAppError(error, 'CONFLICT') ? error.details?.activeRunId : undefined;
      if (typeof active === 'string') return { runId: active };
      throw error;
    }
  };
}
