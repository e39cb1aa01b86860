import { z } from 'zod';

/** Workspace options as the Settings form submits them. */
export const workspaceSettingsSchema = z.object({
  teachMeEnabled: z.enum(['on']).optional().transform((v) => v === 'on'),
  onboardingTasks: z.string().max(5000).default('').transform((text) => [...new Set(text.split(/\r?\n/).map((t) => t.trim()).filter(Boolean))])
    .pipe(z.array(z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, { error: 'Task ids may use letters, digits and _ . : - (up to 100 characters), one per line.' })).max(100, { error: 'At most 100 onboarding tasks.' })),
  fieldPrefix: z.string().trim().max(20).regex(/^([A-Za-z][A-Za-z0-9_]*)?$/, { error: 'Start with a letter; use letters, digits and underscores, like WalkMe_.' }).default(''),
});

/** The default prefix suggested for Salesforce custom fields DIC creates (the source document's advice). */
export const DEFAULT_FIELD_PREFIX = 'WalkMe_';
