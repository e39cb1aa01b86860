import 'server-only';
import * as q from '@/db/queries/connectors';
import type { Ctx } from '@/lib/auth/session';
import { currentDemoConnectors } from '@/lib/connectors/demo-emulators';
import { AppError } from '@/lib/errors';
import { saveQualtricsEvent } from './connector-actions';
import { saveQualtricsConnection } from './connectors';
import { requireAdmin } from './guards';

/** What the page may tell about the demo emulators: where they are, never a credential. */
export async function demoConnectorsInfo() {
  const demo = await currentDemoConnectors();
  return demo ? { qualtricsEventUrl: demo.qualtrics.eventUrl, qualtricsUsername: demo.qualtrics.username, gainsightUrl: demo.gainsight.origin } : null;
}

/** Sets up the Qualtrics connection and a JSON event against the demo emulator, server-side (the token never reaches the page). */
export async function setUpDemoQualtrics(ctx: Ctx) {
  requireAdmin(ctx, 'set up the Qualtrics connection');
  const demo = await currentDemoConnectors();
  if (!demo) throw new AppError('NOT_FOUND', 'The demo Qualtrics is not running on this server (DIC_DEMO_CONNECTORS is off).');
  await saveQualtricsConnection(ctx, { username: demo.qualtrics.username, apiToken: demo.qualtrics.apiToken });
  const existing = (await q.listActions(ctx.db, ctx.user.workspaceId)).find((a) => a.url === demo.qualtrics.eventUrl);
  if (!existing) {
    await saveQualtricsEvent(ctx, {
      name: 'NPS detractor follow-up (demo)', url: demo.qualtrics.eventUrl,
      payloadTemplate: '{\n  "User ID": "{{User ID}}",\n  "Email": "{{Email}}",\n  "NPS Score": {{NPS Score}}\n}',
    });
  }
}
