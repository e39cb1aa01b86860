import { z } from 'zod';
import { workspaceSettingsSchema } from '@/db/schema/workspaces';

export { DEFAULT_FIELD_PREFIX } from '@/db/schema/workspaces';

const TASK_ID = /^[A-Za-z0-9_.:-]{1,100}$/;

/** The onboarding task textarea: one id per line; each bad line is named once, by its number. */
const onboardingTasksText = z.string().max(5000, { error: 'Keep the task list to 5,000 characters or fewer.' }).default('')
  .superRefine((text, ctx) => {
    text.split(/\r?\n/).forEach((line, i) => {
      const id = line.trim();
      if (id !== '' && !TASK_ID.test(id)) {
        ctx.addIssue({ code: 'custom', message: `Line ${i + 1} (“${id.slice(0, 40)}”): use only letters, digits and _ . : - in a task id, up to 100 characters.` });
      }
    });
  })
  .transform((text) => [...new Set(text.split(/\r?\n/).map((t) => t.trim()).filter(Boolean))]);

/**
 * Workspace options as the Settings form submits them (a checkbox, a textarea, a text field), turned into
 * the stored shape and checked by its one definition, workspaceSettingsSchema in db/schema/workspaces.ts.
 */
export const workspaceSettingsFormSchema = z.object({
  teachMeEnabled: z.enum(['on']).optional().transform((v) => v === 'on'),
  onboardingTasks: onboardingTasksText.pipe(workspaceSettingsSchema.shape.onboardingTasks.unwrap()),
  fieldPrefix: z.string().trim().default('').pipe(workspaceSettingsSchema.shape.fieldPrefix.unwrap()),
});
