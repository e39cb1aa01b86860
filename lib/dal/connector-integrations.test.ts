import { eq } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQualtricsEmulator, DEMO_QUALTRICS_USER, type RunningQualtricsEmulator } from '@/emulators/qualtrics';
import type { DatabaseHandle } from '@/db/client';
import { listActions } from '@/db/queries/connectors';
import { integrationRuns } from '@/db/schema';
import { createTestDatabase } from '@/db/testing';
import type { Ctx } from '@/lib/auth/session';
import { createTestWorkspace } from '@/lib/auth/testing';
import { allowOutboundOrigin } from '@/lib/connectors/outbound-allowlist';
import { connectorIntegrationSchema, qualtricsEventSchema } from '@/lib/connectors/schemas';
import { startQueueOnly } from '@/lib/runs/testing';
import { saveQualtricsEvent } from './connector-actions';
import { createConnectorIntegration, listConnectorIntegrationsForDisplay, runConnectorIntegrationNow } from './connector-integrations';
import { saveQualtricsConnection } from './connectors';
import { listIntegrations, updateIntegration } from './integrations';

describe('integrations to connector actions', () => {
  let handle: DatabaseHandle;
  let boss: PgBoss;
  let admin: Ctx;
  let member: Ctx;
  let q: RunningQualtricsEmulator;
  let actionId: string;

  beforeAll(async () => {
    handle = await createTestDatabase('pglite');
    boss = await startQueueOnly(handle);
    admin = await createTestWorkspace(handle.db, 'Send');
    member = { ...admin, user: { ...admin.user, role: 'member' } };
    q = await startQualtricsEmulator();
    allowOutboundOrigin(q.baseUrl);
    await saveQualtricsConnection(admin, { username: DEMO_QUALTRICS_USER.username, apiToken: DEMO_QUALTRICS_USER.apiToken });
    await saveQualtricsEvent(admin, qualtricsEventSchema.parse({ name: 'Follow-up', url: q.eventUrl() }));
    actionId = (await listActions(handle.db, admin.user.workspaceId))[0].id;
  });
  afterAll(async () => { await boss.stop({ graceful: false, timeout: 500 }).catch(() => undefined); await q.close(); await handle.close(); });

  const form = (overrides: Record<string, unknown> = {}) => connectorIntegrationSchema.parse({
    name: 'NPS detractors', actionId, reportId: 'nps', column: ['User ID', 'NPS Score', ''], field: ['userId', 'score', ''],
    filterColumn: 'NPS Category', filterOperator: 'eq', filterValue: 'Detractor', ...overrides,
  });

  it('parses parallel column and key lists and the filter, refusing a key mapped twice', () => {
    expect(form()).toMatchObject({ mappings: [{ column: 'User ID', field: 'userId' }, { column: 'NPS Score', field: 'score' }], filters: [{ column: 'NPS Category', operator: 'eq', value: 'Detractor' }], sendUnchanged: false });
    const twice = connectorIntegrationSchema.safeParse({ name: 'x', actionId, reportId: 'nps', column: ['User ID', 'Email'], field: ['id', 'id'] });
    expect(twice.error?.issues[0]).toMatchObject({ path: ['mappings.1.field'], message: 'The key "id" is already mapped; each key takes one column.' });
  });

  it('lets a member create one, refuses unknown columns by name, and shows it in the grid with its destination', async () => {
    await expect(createConnectorIntegration(member, form({ column: ['Renewal Date'], field: ['renewal'] }), boss)).rejects.toThrow('no column "Renewal Date"');
    await expect(createConnectorIntegration(member, form({ filterColumn: 'Region' }), boss)).rejects.toThrow('The row filter uses "Region"');
    const created = await createConnectorIntegration(member, form(), boss);
    await expect(createConnectorIntegration(member, form(), boss)).rejects.toMatchObject({ code: 'CONFLICT' });
    const [grid] = await listIntegrations(member);
    expect(grid).toMatchObject({ id: created.id, destinationLabel: 'Qualtrics: Follow-up', accountConnected: true, objectName: null });
    const { runId } = await runConnectorIntegrationNow(member, created.id, boss);
    const [run] = await handle.db.select().from(integrationRuns).where(eq(integrationRuns.id, runId));
    expect(run).toMatchObject({ status: 'queued', trigger: 'manual', triggeredBy: member.user.userId });
    expect((await listConnectorIntegrationsForDisplay(member))[0].lastRun).toMatchObject({ id: runId, status: 'queued' });
    // The Salesforce wizard's save refuses it rather than turning it into a half Salesforce integration.
    await expect(updateIntegration(member, created.id, { accountId: '00000000-0000-4000-8000-000000000000', reportId: 'nps', objectName: 'Lead', keys: [], mappings: [], name: 'x' }, undefined, boss))
      .rejects.toThrow('sends to a connector, which the wizard does not edit');
  });
});
