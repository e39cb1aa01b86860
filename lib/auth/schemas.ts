import { z } from 'zod';
import { ROLES } from '@/db/schema';

const COMMON = new Set(['password1234', '123456789012', 'qwertyuiop12', 'letmein12345', 'administrator', 'welcome12345']);

/** Longest email address SMTP can deliver to (RFC 5321's path limit less its angle brackets). */
export const MAX_EMAIL_LENGTH = 254;

/** An email address, trimmed and lower-cased. */
export const emailField = z.string().trim().toLowerCase()
  .max(MAX_EMAIL_LENGTH, { error: `Use at most ${MAX_EMAIL_LENGTH} characters: no email address is longer.` })
  .pipe(z.email({ error: 'Enter a valid email address, like name@company.com.' }));

/** A password strong enough to protect a workspace that holds Salesforce access. */
export const strongPassword = z.string()
  .min(12, { error: 'Use at least 12 characters.' })
  .max(200, { error: 'Use at most 200 characters.' })
  .refine((p) => /[A-Za-z]/.test(p) && /[^A-Za-z]/.test(p), { error: 'Mix letters with numbers or symbols.' })
  .refine((p) => !COMMON.has(p.toLowerCase()) && !/^(.)\1+$/.test(p), { error: 'This password is too common; choose another.' });

export const nameField = z.string().trim().min(1, { error: 'Enter a name.' }).max(100, { error: 'Use at most 100 characters.' });

export const signInSchema = z.object({
  email: emailField,
  password: z.string().min(1, { error: 'Enter your password.' }).max(200, { error: 'Use at most 200 characters.' }),
  callbackUrl: z.string().optional(),
});

export const setupSchema = z.object({
  workspaceName: nameField,
  name: nameField,
  email: emailField,
  password: strongPassword,
});


export const userIdSchema = z.object({ userId: z.uuid({ error: 'That user was not found. Reload the page and try again.' }) });
/** Settings › Users › Add user: the person then sets their own password through an invitation link. */
export const inviteUserSchema = z.object({
  name: nameField,
  email: emailField,
  role: z.enum(ROLES, { error: 'Choose admin or member.' }),
});
/** The set-password page behind an invitation or reset link. */
export const setPasswordWithLinkSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, { error: 'This link is incomplete. Open the whole link you were sent.' }),
  password: strongPassword,
});
export const roleChangeSchema = userIdSchema.extend({ role: inviteUserSchema.shape.role });
export const disableSchema = userIdSchema.extend({ disabled: z.enum(['true', 'false']).transform((v) => v === 'true') });
export const changeOwnPasswordSchema = z.object({
  currentPassword: z.string().min(1, { error: 'Enter your current password.' }),
  newPassword: strongPassword,
});

export const newApiKeySchema = z.object({ name: nameField });
export const apiKeyIdSchema = z.object({ id: z.uuid({ error: 'That API key was not found. Reload the page and try again.' }) });
