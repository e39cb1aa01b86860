import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_QUALTRICS_USER, startQualtricsEmulator, type RunningQualtricsEmulator } from '@/emulators/qualtrics';
import type { DatabaseHandle } from '@/db/client';
import { listActions, listConnectors } from '@/db/queries/connectors';
import { integrationRuns, integrations, integrationSyncState, type RowFilter } from '@/db/schema';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import type { Ctx } from '@/lib/auth/session';
import { createTestWorkspace } from '@/lib/auth/testing';
import { qualtricsEventSchema } from '@/lib/connectors/schemas';
import { allowOutboundOrigin } from '@/lib/connectors/outbound-allowlist';
import { saveQualtricsEvent } from '@/lib/dal/connector-actions';
import { saveQualtricsConnection } from '@/lib/dal/connectors';
import { ingestForTest } from '@/lib/insights/testing';
import { previewConnectorRun, type ConnectorDraft } from './connector-preview';
import { executeRun, type SyncDeps } from './execute-run';
import { quietLog } from './run-testing';

const PEOPLE = 30;
// Person i answers NPS score i % 11: scores 0-6 are detractors.
const score = (i: number) => i % 11;
const detractors = Array.from({ length: PEOPLE }, (_, i) => i).filter((i) => score(i) <= 6);
const userId = (i: number) => `u-${String(i).padStart(3, '0')}`;
const DETRACTORS: RowFilter[] = [{ column: 'NPS Category', operator: 'eq', value: 'Detractor' }];
const MAPPINGS = [{ column: 'User ID', field: 'userId' }, { column: 'Email', field: 'email' }, { column: 'NPS Score', field: 'score' }];

describe.each(testDatabaseKinds)('previewConnectorRun on %s', (kind) => {
  let handle: DatabaseHandle;
  let admin: Ctx;
  let q: RunningQualtricsEmulator;
  let deps: SyncDeps;
  let draft: ConnectorDraft;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    admin = await createTestWorkspace(handle.db, `Preview ${kind}`);
    q = await startQualtricsEmulator();
    deps = {
      db: handle.db, clock: () => new Date(), log: quietLog, tuning: { heartbeatMs: 60_000 }, outbound: { allowedPrivateOrigins: [q.baseUrl] },
      salesforceFor: () => { throw new Error('a connector preview must not ask for Salesforce'); },
      connectorRetry: { retries: 1, minDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 10, sleep: async () => {} },
    };
    await ingestForTest(handle.db, admin.user.workspaceId, Array.from({ length: PEOPLE }, (_, i) => ({
      id: `nps-${i}`, userId: userId(i), email: `person${i}@example.com`, type: 'nps', timestamp: '2026-11-20T09:00:00Z', properties: { score: score(i) },
    })));
    allowOutboundOrigin(q.baseUrl);
    await saveQualtricsConnection(admin, { username: DEMO_QUALTRICS_USER.username, apiToken: DEMO_QUALTRICS_USER.apiToken });
    await saveQualtricsEvent(admin, qualtricsEventSchema.parse({ name: 'NPS detractor follow-up', url: q.eventUrl(), payloadTemplate: '{ }' }));
    const [action] = await listActions(handle.db, admin.user.workspaceId);
    const [connector] = await listConnectors(handle.db, admin.user.workspaceId);
    draft = { connectorId: connector.id, actionId: action.id, reportId: 'nps', mappings: MAPPINGS, filters: DETRACTORS, sendUnchanged: false };
  }, 60_000);
  afterAll(async () => { await q.close(); await handle.close(); });

  const preview = async (over: Partial<ConnectorDraft> = {}) => {
    const result = await previewConnectorRun(deps, { workspaceId: admin.user.workspaceId, integration: { ...draft, ...over } });
    if (!result.ok) throw new Error(result.message);
    return result;
  };

  it('counts the filter and shows the JSON bodies a run would send, sending and writing nothing', async () => {
    const r = await preview();
    expect(r).toMatchObject({ read: PEOPLE, filteredOut: PEOPLE - detractors.length, unchanged: 0, rejected: 0, toSend: detractors.length, target: '“NPS detractor follow-up” through Qualtrics' });
    expect(r.samples).toHaveLength(5);
    expect(r.samples[0]).toEqual({ userId: userId(detractors[0]), payload: { userId: userId(detractors[0]), email: `person${detractors[0]}@example.com`, score: score(detractors[0]) } });
    expect(r.samples.every((s) => score(Number(s.userId.slice(2))) <= 6)).toBe(true);
    expect(q.state.events).toHaveLength(0);
    expect(await handle.db.select().from(integrationRuns)).toHaveLength(0);
    expect(await handle.db.select().from(integrationSyncState)).toHaveLength(0);
  });

  it('counts rows a real run sent as unchanged, unless the integration sends on every run', async () => {
    const [row] = await handle.db.insert(integrations).values({
      workspaceId: admin.user.workspaceId, name: 'NPS to Qualtrics', destinationKind: 'qualtrics', actionId: draft.actionId, reportId: 'nps', mappings: MAPPINGS, filters: DETRACTORS,
    }).returning();
    const [run] = await handle.db.insert(integrationRuns).values({ workspaceId: admin.user.workspaceId, integrationId: row.id, integrationVersion: 1, trigger: 'manual' }).returning();
    expect((await executeRun(deps, { workspaceId: admin.user.workspaceId, runId: run.id })).status).toBe('completed');
    const sent = q.state.events.length;
    expect(sent).toBe(detractors.length);

    await ingestForTest(handle.db, admin.user.workspaceId, [{ id: 'nps-late', userId: userId(detractors[1]), type: 'nps', timestamp: '2026-11-21T09:00:00Z', properties: { score: 2 } }]);
    const after = await preview({ integrationId: row.id });
    expect(after).toMatchObject({ read: PEOPLE, filteredOut: PEOPLE - detractors.length, unchanged: detractors.length - 1, toSend: 1 });
    expect(after.samples).toEqual([{ userId: userId(detractors[1]), payload: { userId: userId(detractors[1]), email: `person${detractors[1]}@example.com`, score: 2 } }]);
    expect(await preview({ integrationId: row.id, sendUnchanged: true })).toMatchObject({ unchanged: 0, toSend: detractors.length, sendUnchanged: true });
    expect(q.state.events.length).toBe(sent);
    expect(await handle.db.select().from(integrationRuns).where(eq(integrationRuns.integrationId, row.id))).toHaveLength(1);
  });

  it('answers the mapping problem a run would stop on, naming the column', async () => {
    const r = await previewConnectorRun(deps, { workspaceId: admin.user.workspaceId, integration: { ...draft, mappings: [{ column: 'Renewal Date', field: 'renewal' }] } });
    expect(r).toEqual({ ok: false, message: expect.stringContaining('no column "Renewal Date"') });
  });

  it('refuses another workspace\'s integration as the sync state to compare with', async () => {
    const other = await createTestWorkspace(handle.db, `Other ${kind}`);
    await expect(previewConnectorRun(deps, { workspaceId: other.user.workspaceId, integration: draft })).rejects.toThrow(/not one of the chosen connector's/);
  });
});
