import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_QUALTRICS_USER, startQualtricsEmulator, type RunningQualtricsEmulator } from '@/emulators/qualtrics';
import { openDatabase, type DatabaseHandle } from '@/db/client';
import { listActions } from '@/db/queries/connectors';
import { connectors, integrationRuns, integrations } from '@/db/schema';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import type { Ctx } from '@/lib/auth/session';
import { createTestWorkspace } from '@/lib/auth/testing';
import { allowOutboundOrigin } from '@/lib/connectors/outbound-allowlist';
import { qualtricsEventSchema } from '@/lib/connectors/schemas';
import { saveQualtricsEvent } from '@/lib/dal/connector-actions';
import { saveQualtricsConnection } from '@/lib/dal/connectors';
import { ingestForTest } from '@/lib/insights/testing';
import { executeRun, type SyncDeps } from './execute-run';
import { quietLog } from './run-testing';

const PEOPLE = 20;
// The emulator refuses a 21st call within two seconds; the connector allows 420 calls a minute (one call every
// 143 ms, at most 14 in two seconds), so together the two engines must never be refused, while two engines each
// pacing only itself (28 calls in two seconds) would be. The emulator counts calls when they arrive, and a
// call starts a little after its slot when the machine is busy, so calls bunch: the limit leaves room for 7
// late ones, a second of delay (with 9 calls allowed in the emulator's 10 a second, two late calls were refused
// on a loaded machine).
const EMULATOR_LIMIT = { calls: 20, windowSeconds: 2 };
const CONNECTOR_CALLS_PER_MINUTE = 420;

// Two engines on one PostgreSQL database, each with its own connection pool, as two worker processes have.
describe.each(testDatabaseKinds.filter((k) => k === 'postgres'))('the connector rate limit shared by two engines on %s', (kind) => {
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  let admin: Ctx;
  let q: RunningQualtricsEmulator;
  const integrationIds: string[] = [];

  beforeAll(async () => {
    first = await createTestDatabase(kind);
    second = await openDatabase({ kind: 'postgres', url: first.url! });
    admin = await createTestWorkspace(first.db, 'Shared limit');
    q = await startQualtricsEmulator({ callsPerMinute: EMULATOR_LIMIT.calls, limitWindowSeconds: EMULATOR_LIMIT.windowSeconds });
    allowOutboundOrigin(q.baseUrl);
    await ingestForTest(first.db, admin.user.workspaceId, Array.from({ length: PEOPLE }, (_, i) => ({
      id: `nps-${i}`, userId: `u-${String(i).padStart(3, '0')}`, type: 'nps', timestamp: '2026-11-20T09:00:00Z', properties: { score: i % 11 },
    })));
    await saveQualtricsConnection(admin, { username: DEMO_QUALTRICS_USER.username, apiToken: DEMO_QUALTRICS_USER.apiToken });
    await first.db.update(connectors).set({ callsPerMinute: CONNECTOR_CALLS_PER_MINUTE }).where(eq(connectors.workspaceId, admin.user.workspaceId));
    await saveQualtricsEvent(admin, qualtricsEventSchema.parse({ name: 'NPS follow-up', url: q.eventUrl(), payloadTemplate: '{ }' }));
    const actionId = (await listActions(first.db, admin.user.workspaceId))[0].id;
    for (const name of ['NPS to Qualtrics A', 'NPS to Qualtrics B']) {
      const [row] = await first.db.insert(integrations).values({
        workspaceId: admin.user.workspaceId, name, destinationKind: 'qualtrics', actionId, reportId: 'nps',
        mappings: [{ column: 'User ID', field: 'userId' }, { column: 'NPS Score', field: 'score' }],
      }).returning();
      integrationIds.push(row.id);
    }
  }, 60_000);
  afterAll(async () => { await q.close(); await second.close(); await first.close(); });

  it('keeps both engines together within the connector\'s limit: the emulator refuses nothing and the calls spread over the windows', async () => {
    const deps = (handle: DatabaseHandle): SyncDeps => ({
      db: handle.db, clock: () => new Date(), log: quietLog, tuning: { heartbeatMs: 60_000 },
      salesforceFor: () => { throw new Error('a connector run must not ask for Salesforce'); },
      connectorRetry: { retries: 3, minDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 10, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
    });
    const runs = await Promise.all(integrationIds.map(async (integrationId) => {
      const [r] = await first.db.insert(integrationRuns).values({ workspaceId: admin.user.workspaceId, integrationId, integrationVersion: 1, trigger: 'manual' }).returning();
      return r.id;
    }));
    const results = await Promise.all(runs.map((runId, i) => executeRun(deps(i === 0 ? first : second), { workspaceId: admin.user.workspaceId, runId })));
    expect(results.map((r) => r.status)).toEqual(['completed', 'completed']);

    // Judged by what the emulator saw, not by this test's clock.
    expect(q.state.rateLimited).toEqual([]);
    expect(q.state.events).toHaveLength(2 * PEOPLE);
    const at = q.state.events.map((e) => Date.parse(e.receivedAt)).sort((a, b) => a - b);
    for (let i = 0; i + EMULATOR_LIMIT.calls < at.length; i += 1) {
      // No 21 calls within any two seconds, wherever a window starts.
      expect(at[i + EMULATOR_LIMIT.calls] - at[i]).toBeGreaterThanOrEqual(EMULATOR_LIMIT.windowSeconds * 1000);
    }
    expect(at.at(-1)! - at[0]).toBeGreaterThanOrEqual(2 * EMULATOR_LIMIT.windowSeconds * 1000);
    // The two runs sent at the same time (each run's calls carry its id in the Idempotency-Key).
    const order = q.state.events.map((e) => e.idempotencyKey!.split(':')[0]);
    expect(order.slice(0, PEOPLE)).toEqual(expect.arrayContaining(runs));
    const finished = await first.db.select().from(integrationRuns).where(eq(integrationRuns.workspaceId, admin.user.workspaceId));
    expect(finished.map((r) => [r.updatedCount, r.apiCalls])).toEqual([[PEOPLE, PEOPLE], [PEOPLE, PEOPLE]]);
  }, 60_000);
});
