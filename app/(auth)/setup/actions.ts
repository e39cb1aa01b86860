'use server';

import { redirect } from 'next/navigation';
import { signIn } from '@/auth';
import { parseForm } from '@/lib/auth/action';
import { getDb } from '@/lib/database';
import { recordAudit } from '@/db/queries/audit';
import { createWorkspaceWithAdmin } from '@/db/queries/workspaces';
import { setupSchema } from '@/lib/auth/schemas';
import type { ActionResult } from '@/lib/errors';
import { getConfig } from '@/lib/config';
import { sendJob } from '@/lib/jobs/send';
import { getBoss } from '@/lib/runtime';
import { hashPassword } from '@/lib/secrets/password';

/** First-run setup: creates the workspace and its first admin, only while no user exists. */
export async function setupAction(_prev: unknown, formData: FormData): Promise<ActionResult> {
  const parsed = parseForm(setupSchema, formData);
  if (!parsed.ok) return parsed;
  const db = await getDb();
  const created = await createWorkspaceWithAdmin(db, {
    workspaceName: parsed.data.workspaceName, email: parsed.data.email, name: parsed.data.name,
    passwordHash: await hashPassword(parsed.data.password), onlyIfNoUsers: true,
  });
  if (!created) redirect('/sign-in');
  await recordAudit(db, {
    workspaceId: created.workspace.id, actorId: created.user.id, actorEmail: created.user.email,
    action: 'workspace.create', targetType: 'workspace', targetId: created.workspace.id,
    summary: `Created workspace "${created.workspace.name}" with first admin ${created.user.email}`,
  });
  // Sign in first: on PGlite the demo data load below holds the one connection for a while.
  await signIn('credentials', { email: parsed.data.email, password: parsed.data.password, redirect: false });
  // The embedded default is a demo: give the new workspace the demo end users and events, in the background.
  if (getConfig().embedded) await sendJob(await getBoss(), 'insights.load-demo-data', { workspaceId: created.workspace.id });
  redirect('/integrations');
}
