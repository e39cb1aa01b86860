'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { deleteIntegration, listIntegrations, runIntegrationNow, setIntegrationEnabled } from '@/lib/dal/integrations';
import { listRunLog } from '@/lib/dal/run-log';
import { nextRun } from '@/lib/integrations/schedule';

// The grid's actions. Members may run, pause and resume; deleteIntegration refuses anyone but an admin.

const idInput = z.object({ id: z.uuid({ error: 'That integration was not found. Reload the page.' }) });
const page = '/integrations';

/** The grid's rows again, for polling while a run is active. */
export async function gridRowsAction() {
  return defineAction({ schema: z.object({}), run: (ctx) => listIntegrations(ctx) })(null, {});
}

/** "Run Now": starts a run, or says the integration is already running. */
export async function runNowAction(id: string) {
  return defineAction({ schema: idInput, revalidate: page, run: async (ctx, v) => ({ id: (await runIntegrationNow(ctx, v.id)).id }) })(null, { id });
}

/** Pause or resume the schedule; a resumed integration's next scheduled run comes back for the confirmation. */
export async function setEnabledAction(id: string, enabled: boolean) {
  return defineAction({
    schema: idInput.extend({ enabled: z.boolean() }), revalidate: page,
    run: async (ctx, v) => {
      const row = await setIntegrationEnabled(ctx, v.id, v.enabled);
      return { enabled: row.enabled, nextRunAt: row.enabled ? nextRun(row.scheduleCron, row.scheduleTimezone) : null };
    },
  })(null, { id, enabled });
}

/** Delete (admins only, checked by the DAL). */
export async function deleteIntegrationAction(id: string) {
  return defineAction({ schema: idInput, revalidate: page, run: async (ctx, v) => { await deleteIntegration(ctx, v.id); return undefined; } })(null, { id });
}

/** The Log overlay's runs, newest first. */
export async function integrationRunsAction(id: string) {
  return defineAction({ schema: idInput, run: async (ctx, v) => (await listRunLog(ctx, v.id, { limit: 50 })).runs })(null, { id });
}
