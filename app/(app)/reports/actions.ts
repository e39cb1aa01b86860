'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { addReportTag, removeReportTag } from '@/lib/insights/catalog';
import { asAppError } from '@/lib/insights/errors';

const page = '/reports';

// The tag itself is checked by lib/insights (one tag schema); this only shapes the form.
const reportTagSchema = z.object({
  reportId: z.string().min(1).max(100),
  tag: z.string().trim().min(1, { error: 'Enter a tag, e.g. integrations_salesforce.' }).max(50),
});

export const addReportTagAction = defineAction({
  schema: reportTagSchema, revalidate: page, success: 'Tag added.',
  run: async (ctx, input) => {
    try {
      return await addReportTag(ctx.db, ctx.user.workspaceId, input.reportId, input.tag);
    } catch (error) {
      throw asAppError(error);
    }
  },
});

export const removeReportTagAction = defineAction({
  schema: reportTagSchema, revalidate: page, success: 'Tag removed.',
  run: async (ctx, input) => {
    try {
      return await removeReportTag(ctx.db, ctx.user.workspaceId, input.reportId, input.tag);
    } catch (error) {
      throw asAppError(error);
    }
  },
});
