import { z } from 'zod';

/** Queue names and the schema of each queue's payload. */
export const QUEUES = {
  maintenancePrune: {
    name: 'maintenance.prune-sign-in-attempts',
    payload: z.object({ olderThanHours: z.number().int().positive().default(24) }),
    /** Hourly. */
    cron: '17 * * * *',
  },
  loadDemoData: {
    name: 'insights.load-demo-data',
    payload: z.object({ workspaceId: z.uuid() }),
  },
} as const;
