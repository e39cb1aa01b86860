import { eq } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCESS_KEY, startGainsightEmulator, type RunningGainsightEmulator } from '@/emulators/gainsight';
import { startQualtricsEmulator, DEMO_QUALTRICS_USER, type RunningQualtricsEmulator } from '@/emulators/qualtrics';
import type { DatabaseHandle } from '@/db/client';
import { listAudit } from '@/db/queries/audit';
import { integrationRuns, integrations } from '@/db/schema';
import { createTestDatabase } from '@/db/testing';
import type { Ctx } from '@/lib/auth/session';
import { createTestWorkspace } from '@/lib/auth/testing';
import { allowOutboundOrigin } from '@/lib/connectors/outbound-allowlist';
import { actionSchema, connectorSchema, qualtricsEventSchema } from '@/lib/connectors/schemas';
import { AppError } from '@/lib/errors';
import { integrationSchema, type IntegrationFormValues } from '@/lib/integrations/schema';
import { startQueueOnly } from '@/lib/runs/testing';
import { saveExternalAction, saveQualtricsEvent } from './connector-actions';
import { listConnectorIntegrationsForDisplay } from './connector-integrations';
import { saveHttpConnector, saveQualtricsConnection } from './connectors';
import { getIntegrationDetail, listIntegrations, runIntegrationNow } from './integrations';
import { loadWizardChoices, saveWizardIntegration } from './integration-wizard';

const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => (e instanceof AppError ? e : Promise.reject(e)));

describe('integrations to JSON events and external actions, saved through the wizard', () => {
  let handle: DatabaseHandle;
  let boss: PgBoss;
  let admin: Ctx;
  let member: Ctx;
  let outsider: Ctx;
  let q: RunningQualtricsEmulator;
  let gs: RunningGainsightEmulator;
  let qualtricsId: string;
  let eventId: string;
  let gainsightId: string;
  let hookId: string;
  let foreignEventId: string;

  beforeAll(async () => {
    handle = await createTestDatabase('pglite');
    boss = await startQueueOnly(handle);
    admin = await createTestWorkspace(handle.db, 'Send');
    member = { ...admin, user: { ...admin.user, role: 'member' } };
    outsider = await createTestWorkspace(handle.db, 'Elsewhere');
    q = await startQualtricsEmulator();
    gs = await startGainsightEmulator();
    allowOutboundOrigin(q.baseUrl);
    allowOutboundOrigin(gs.baseUrl);
    await saveQualtricsConnection(admin, { username: DEMO_QUALTRICS_USER.username, apiToken: DEMO_QUALTRICS_USER.apiToken });
    await saveQualtricsEvent(admin, qualtricsEventSchema.parse({ name: 'Follow-up', url: q.eventUrl() }));
    await saveHttpConnector(admin, connectorSchema.parse({ name: 'Gainsight', baseUrl: gs.baseUrl, authType: 'header', authHeaderName: 'Accesskey', secret: DEMO_ACCESS_KEY }));
    await saveExternalAction(admin, actionSchema.parse({
      connectorId: (await loadWizardChoices(admin)).connectors.find((c) => c.kind === 'http')!.id,
      name: 'Renewal hook', url: '/v1/hooks/renewal', payloadTemplate: '{"Email": "{{Email}}", "Score": {{NPS Score}}}',
    }));
    const { connectors } = await loadWizardChoices(member);
    const qualtrics = connectors.find((c) => c.kind === 'qualtrics')!;
    const gainsight = connectors.find((c) => c.kind === 'http')!;
    [qualtricsId, eventId, gainsightId, hookId] = [qualtrics.id, qualtrics.actions[0].id, gainsight.id, gainsight.actions[0].id];
    await saveQualtricsConnection(outsider, { username: 'other', apiToken: 'other-token' });
    await saveQualtricsEvent(outsider, qualtricsEventSchema.parse({ name: 'Theirs', url: q.eventUrl() }));
    foreignEventId = (await loadWizardChoices(outsider)).connectors[0].actions[0].id;
  });
  afterAll(async () => {
    await boss.stop({ graceful: false, timeout: 500 }).catch(() => undefined);
    await q.close();
    await gs.close();
    await handle.close();
  });

  const detractors = (over: Partial<IntegrationFormValues> = {}): IntegrationFormValues => ({
    destination: 'connector', connectorId: qualtricsId, actionId: eventId, reportId: 'nps', name: 'NPS detractors',
    mappings: [{ column: 'User ID', field: 'userId' }, { column: 'NPS Score', field: 'score' }, { column: '', field: '' }],
    filters: [{ column: 'NPS Category', operator: 'eq', value: 'Detractor' }], ...over,
  });
  const save = (ctx: Ctx, values: IntegrationFormValues, target: { id?: string; expectedVersion?: number } = {}) =>
    saveWizardIntegration(ctx, target, integrationSchema.parse(values), undefined, boss);

  it('offers the connectors on screen 1 with their events and actions, and the tokens each payload needs, without secrets', async () => {
    const { connectors, reports } = await loadWizardChoices(member);
    expect(connectors).toEqual([
      expect.objectContaining({ kind: 'http', name: 'Gainsight', host: new URL(gs.baseUrl).host, actions: [{ id: hookId, name: 'Renewal hook', call: 'POST /v1/hooks/renewal', tokens: ['Email', 'NPS Score'], triggerOnly: false }] }),
      expect.objectContaining({ kind: 'qualtrics', name: 'Qualtrics', actions: [{ id: eventId, name: 'Follow-up', call: 'JSON event', tokens: [], triggerOnly: true }] }),
    ]);
    expect(JSON.stringify(connectors)).not.toContain(DEMO_ACCESS_KEY);
    expect(reports.find((r) => r.id === 'nps')).toMatchObject({ salesforce: true });
  });

  it('answers form problems beside their rows: the payload key, a key used twice, the filter value', () => {
    const result = integrationSchema.safeParse(detractors({
      actionId: '', mappings: [{ column: 'User ID', field: '' }, { column: 'Email', field: 'id' }, { column: 'NPS Score', field: 'id' }],
      filters: [{ column: 'NPS Score', operator: 'lte', value: '' }, { column: 'Email', operator: 'is_empty', value: '' }],
    }));
    const byPath = Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
    expect(byPath).toEqual({
      actionId: 'Choose the JSON event or action to send to.',
      'mappings.0.field': 'Enter the payload key, like email.',
      'mappings.2.field': 'The key "id" is already mapped in row 2. Each key takes one column.',
      'filters.0.value': 'Enter the value to compare with, like 6 or Detractor.',
    });
    expect(integrationSchema.safeParse({ ...detractors(), connectorId: '' }).error?.issues.map((i) => i.path.join('.'))).toEqual(['connectorId']);
  });

  it('lets a member create one, shows it in the grid in words, runs it, and audits it', async () => {
    const created = await save(member, detractors());
    expect(created).toMatchObject({ destinationKind: 'qualtrics', actionId: eventId, connectorId: qualtricsId, accountId: null, objectName: null, version: 1,
      scheduleCron: '0 8 * * *', scheduleTimezone: 'UTC', sendUnchanged: false, filters: [{ column: 'NPS Category', operator: 'eq', value: 'Detractor' }] });
    expect(await failure(save(member, detractors()))).toMatchObject({ code: 'CONFLICT', fieldErrors: { name: ['This name is already used.'] } });
    const row = (await listIntegrations(member)).find((r) => r.id === created.id);
    expect(row).toMatchObject({ destinationLabel: 'Qualtrics · Follow-up', destinationKind: 'qualtrics', accountConnected: true, objectName: null, nextRunAt: expect.any(Date) });
    const run = await runIntegrationNow(member, created.id, {}, boss);
    const [stored] = await handle.db.select().from(integrationRuns).where(eq(integrationRuns.id, run.id));
    expect(stored).toMatchObject({ status: 'queued', trigger: 'manual', triggeredBy: member.user.userId, integrationVersion: 1 });
    expect((await listConnectorIntegrationsForDisplay(member)).find((i) => i.id === created.id)?.lastRun).toMatchObject({ id: run.id, status: 'queued' });
    const audit = (await listAudit(handle.db, admin.user.workspaceId)).find((e) => e.targetId === created.id && e.action === 'integration.create');
    expect(audit?.summary).toBe('Created integration "NPS detractors" (nps to Qualtrics · Follow-up)');
  });

  it('edits one in the wizard: prefilled detail, version raised, audited, a stale version refused', async () => {
    const created = await save(member, detractors({ name: 'NPS low scores', filters: [] }));
    const detail = await getIntegrationDetail(member, created.id);
    expect(detail).toMatchObject({ connectorId: qualtricsId, actionId: eventId, mappings: [{ column: 'User ID', field: 'userId' }, { column: 'NPS Score', field: 'score' }], filters: [] });
    const edited = await save(member, detractors({
      name: 'NPS low scores', filters: [{ column: 'NPS Score', operator: 'lte', value: '6' }, { column: 'Email', operator: 'is_not_empty', value: '' }],
      sendUnchanged: true, scheduleCron: '30 7 * * 1-5', scheduleTimezone: 'Europe/Berlin',
    }), { id: created.id, expectedVersion: 1 });
    expect(edited).toMatchObject({ version: 2, sendUnchanged: true, scheduleTimezone: 'Europe/Berlin',
      filters: [{ column: 'NPS Score', operator: 'lte', value: '6' }, { column: 'Email', operator: 'is_not_empty', value: null }] });
    expect(await failure(save(member, detractors({ name: 'NPS low scores' }), { id: created.id, expectedVersion: 1 }))).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/after you opened it/) });
    const audit = (await listAudit(handle.db, admin.user.workspaceId)).find((e) => e.targetId === created.id && e.action === 'integration.edit');
    expect(audit?.summary).toBe('Edited integration "NPS low scores" (now version 2, to Qualtrics · Follow-up)');
    expect(await boss.getSchedule('sync.scheduled', created.id)).toMatchObject({ cron: '30 7 * * 1-5', timezone: 'Europe/Berlin' });
  });

  it('checks the mapping against the report and the action\'s {{tokens}}, keyed to the rows', async () => {
    const error = await failure(save(member, detractors({
      name: 'Broken', mappings: [{ column: 'User ID', field: 'userId' }, { column: 'Renewal Date', field: 'renewal' }], filters: [{ column: 'Region', operator: 'eq', value: 'EMEA' }],
    })));
    expect(error).toMatchObject({ code: 'VALIDATION', message: '2 rows need attention; each says what to change.' });
    expect(error?.fieldErrors).toEqual({
      'mappings.1.column': ['The report NPS has no column "Renewal Date" any more; map another column to "renewal".'],
      'filters.0.column': ['The row filter uses "Region", which the report NPS no longer has; edit the filter.'],
    });
    const tokens = await failure(save(member, detractors({ name: 'Hook', connectorId: gainsightId, actionId: hookId, mappings: [{ column: 'Email', field: 'Email' }] })));
    expect(tokens?.fieldErrors).toEqual({ mappings: ["The action's payload uses {{NPS Score}}, but no report column is mapped to it; map one on screen 3."] });
    const hook = await save(member, detractors({ name: 'Hook', connectorId: gainsightId, actionId: hookId, mappings: [{ column: 'Email', field: 'Email' }, { column: 'NPS Score', field: 'NPS Score' }] }));
    expect(hook).toMatchObject({ destinationKind: 'action', actionId: hookId });
    expect((await listIntegrations(member)).find((r) => r.id === hook.id)?.destinationLabel).toBe('Gainsight · Renewal hook');
    // The audit log names the destination in the grid's words.
    const audit = (await listAudit(handle.db, admin.user.workspaceId)).find((e) => e.targetId === hook.id && e.action === 'integration.create');
    expect(audit?.summary).toBe('Created integration "Hook" (nps to Gainsight · Renewal hook)');
    // An action of another connector than the one on screen 1.
    expect(await failure(save(member, detractors({ name: 'Mixed', connectorId: qualtricsId, actionId: hookId })))).toMatchObject({
      code: 'VALIDATION', fieldErrors: { actionId: ["Choose one of the chosen connector's JSON events or actions."] },
    });
  });

  it('refuses a JSON event of another workspace by name, and saves nothing', async () => {
    const before = (await handle.db.select().from(integrations)).length;
    const error = await failure(save(member, detractors({ name: 'Theirs', actionId: foreignEventId })));
    expect(error).toMatchObject({ code: 'VALIDATION', message: 'That JSON event or action is not in this workspace. Choose one from the list on screen 2.', fieldErrors: { actionId: ['Choose one of your JSON events or actions.'] } });
    expect((await handle.db.select().from(integrations)).length).toBe(before);
    // Nor can the other workspace see or edit ours.
    const ours = (await listIntegrations(member))[0];
    expect(await failure(saveWizardIntegration(outsider, { id: ours.id }, integrationSchema.parse(detractors({ actionId: foreignEventId })), undefined, boss))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(getIntegrationDetail(outsider, ours.id))).toMatchObject({ code: 'NOT_FOUND' });
  });
});
