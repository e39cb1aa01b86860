'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { customReportFormSchema } from '@/lib/insights/custom-report-form';
import { defineAction } from '@/lib/auth/action';
import { addTag, createReport, deleteReport, removeTag, updateReport } from '@/lib/dal/reports';

const page = '/reports';

// The tag itself is checked by lib/insights (one tag schema); this only shapes the form.
const reportTagSchema = z.object({
  reportId: z.string().min(1).max(100),
  tag: z.string().trim().min(1, { error: 'Enter a tag.' }).max(50, { error: 'Use at most 50 characters in a tag.' }),
});

export const addReportTagAction = defineAction({
  schema: reportTagSchema, revalidate: page, success: 'Tag added.',
  run: (ctx, input) => addTag(ctx, input.reportId, input.tag),
});

export const removeReportTagAction = defineAction({
  schema: reportTagSchema, revalidate: page, success: 'Tag removed.',
  run: (ctx, input) => removeTag(ctx, input.reportId, input.tag),
});

/** Saves the builder form as a new custom report; answers its id so the form can open its preview. */
export async function createCustomReportAction(values: unknown) {
  return defineAction({
    schema: customReportFormSchema, revalidate: page, success: 'Report created.',
    run: async (ctx, input) => ({ id: (await createReport(ctx, input)).id }),
  })(null, values as Record<string, unknown>);
}

/** Saves the builder form over an existing custom report of the workspace. */
export async function updateCustomReportAction(reportId: string, values: unknown) {
  return defineAction({
    schema: customReportFormSchema, revalidate: page, success: 'Report saved.',
    run: async (ctx, input) => ({ id: (await updateReport(ctx, reportId, input)).id }),
  })(null, values as Record<string, unknown>);
}

export const deleteCustomReportAction = defineAction({
  schema: z.object({ reportId: z.string().min(1).max(100) }),
  run: async (ctx, input) => {
    await deleteReport(ctx, input.reportId);
    // redirect() ends the action here, so the catalog is revalidated first.
    revalidatePath(page);
    redirect(`${page}?deleted=1`);
  },
});
