import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCESS_KEY, startGainsightEmulator, type RunningGainsightEmulator } from '@/emulators/gainsight';
import { DEMO_QUALTRICS_USER, startQualtricsEmulator, type RunningQualtricsEmulator } from '@/emulators/qualtrics';
import type { DatabaseHandle } from '@/db/client';
import { listConnectors } from '@/db/queries/connectors';
import { createTestDatabase } from '@/db/testing';
import type { Ctx } from '@/lib/auth/session';
import { createTestWorkspace } from '@/lib/auth/testing';
import { allowOutboundOrigin } from '@/lib/connectors/outbound-allowlist';
import { actionSchema, connectorSchema, qualtricsEventSchema, testActionSchema, testQualtricsEventSchema } from '@/lib/connectors/schemas';
import { listActionsForDisplay, saveExternalAction, saveQualtricsEvent, testExternalAction, testQualtricsEvent } from './connector-actions';
import { runAction, type ActionDeps } from '@/lib/auth/action-core';
import { inboundTriggerSchema, qualtricsConnectionSchema } from '@/lib/connectors/schemas';
import { listConnectorsForDisplay, revealQualtricsHeader, saveHttpConnector, saveQualtricsConnection } from './connectors';
import { createInboundTrigger, listInboundTriggersForDisplay, rotateInboundCredentials } from './inbound-triggers';

describe('connectors data access', () => {
  let handle: DatabaseHandle;
  let admin: Ctx;
  let member: Ctx;
  let outsider: Ctx;
  let q: RunningQualtricsEmulator;
  let gs: RunningGainsightEmulator;
  const token = DEMO_QUALTRICS_USER.apiToken;
  const basic = `Basic ${Buffer.from(`${DEMO_QUALTRICS_USER.username}:${token}`).toString('base64')}`;

  beforeAll(async () => {
    handle = await createTestDatabase('pglite');
    admin = await createTestWorkspace(handle.db, 'Conn');
    member = { ...admin, user: { ...admin.user, role: 'member' } };
    outsider = await createTestWorkspace(handle.db, 'Elsewhere');
    q = await startQualtricsEmulator();
    gs = await startGainsightEmulator();
    allowOutboundOrigin(q.baseUrl);
    allowOutboundOrigin(gs.baseUrl);
  });
  afterAll(async () => { await q.close(); await gs.close(); await handle.close(); });

  it('keeps the Qualtrics token sealed and shows the Basic header only masked; only admins copy it', async () => {
    await expect(saveQualtricsConnection(member, { username: 'x', apiToken: 'y' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await saveQualtricsConnection(admin, { username: DEMO_QUALTRICS_USER.username, apiToken: token });
    const [row] = await listConnectors(handle.db, admin.user.workspaceId);
    expect(row.secretSealed).not.toContain(token);
    const shown = JSON.stringify(await listConnectorsForDisplay(admin));
    expect(shown).not.toContain(token);
    expect(shown).not.toContain(basic.slice(6));
    expect(shown).not.toContain(row.secretSealed!);
    expect(shown).toContain(`"maskedHeader":"Basic ••••••••••••${basic.slice(-4)}"`);
    await expect(revealQualtricsHeader(member)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await revealQualtricsHeader(admin)).toEqual({ header: basic });
    await expect(revealQualtricsHeader(outsider)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a blank token on edit keeps the stored one; the first save needs one', async () => {
    await expect(saveQualtricsConnection(outsider, { username: 'a@b.c', apiToken: undefined })).rejects.toMatchObject({ fieldErrors: { apiToken: [expect.stringMatching(/API token/)] } });
    await saveQualtricsConnection(admin, { username: DEMO_QUALTRICS_USER.username, apiToken: undefined });
    expect(await revealQualtricsHeader(admin)).toEqual({ header: basic });
  });

  it('checks JSON event URLs for shape, and Test shows status, eventId, requestId and body without credentials', async () => {
    await expect(saveQualtricsEvent(admin, qualtricsEventSchema.parse({ name: 'Bad', url: 'https://example.com/hook' }))).rejects.toMatchObject({ fieldErrors: { url: [expect.stringMatching(/qualtrics\.com/)] } });
    const result = await testQualtricsEvent(admin, testQualtricsEventSchema.parse({ url: q.eventUrl(), pairs: 'Company GSID: 1P02ABC\nScore: 3' }));
    expect(result).toMatchObject({ status: 202, ok: true, eventId: expect.stringMatching(/^EV_/), requestId: expect.any(String), payload: { 'Company GSID': '1P02ABC', Score: 3 } });
    expect(JSON.stringify(result)).not.toContain(token);
    expect(q.state.events.at(-1)).toMatchObject({ authorizationHeader: basic, body: { 'Company GSID': '1P02ABC', Score: 3 } });
    await saveQualtricsEvent(admin, qualtricsEventSchema.parse({ name: 'NPS follow-up', url: q.eventUrl(), payloadTemplate: '{"Email": "{{Email}}"}' }));
    const [event] = await listActionsForDisplay(member);
    expect(event).toMatchObject({ name: 'NPS follow-up', connectorKind: 'qualtrics', tokens: ['Email'] });
  });

  it('keeps one connector per host unless the user confirms a second one, and never shows its secret', async () => {
    const input = connectorSchema.parse({ name: 'Gainsight', baseUrl: gs.baseUrl, authType: 'header', authHeaderName: 'Accesskey', secret: DEMO_ACCESS_KEY });
    const { id } = await saveHttpConnector(admin, input);
    await expect(saveHttpConnector(admin, { ...input, name: 'Gainsight 2' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already exists: “Gainsight”. You only need one connector per system/) });
    await saveHttpConnector(admin, { ...input, name: 'Gainsight 2', confirmSameHost: true });
    await expect(saveHttpConnector(admin, connectorSchema.parse({ name: 'Internal', baseUrl: 'https://10.0.0.8', authType: 'none' }))).rejects.toThrow(/private or local address/);
    expect(JSON.stringify(await listConnectorsForDisplay(admin))).not.toContain(DEMO_ACCESS_KEY);

    const action = { connectorId: id, name: 'Renewal hook', method: 'POST', url: '/v1/hooks/renewal', headers: 'X-Source: DIC', payloadTemplate: '{"Email": "{{Email}}", "Score": {{NPS Score}}}' };
    await expect(testExternalAction(admin, testActionSchema.parse({ ...action, samples: 'Email: a@b.c' }))).rejects.toThrow('Give a sample value for {{NPS Score}}');
    const tested = await testExternalAction(admin, testActionSchema.parse({ ...action, samples: 'Email: a@b.c\nNPS Score: 4' }));
    expect(tested).toMatchObject({ status: 200, ok: true, requestId: expect.any(String), payload: { Email: 'a@b.c', Score: 4 } });
    expect(gs.store.calls.at(-1)).toMatchObject({ hook: 'renewal', body: { Email: 'a@b.c', Score: 4 } });
    await saveExternalAction(admin, actionSchema.parse(action));
    await expect(saveExternalAction(admin, actionSchema.parse({ ...action, name: 'Elsewhere', url: 'https://evil.example/x' }))).rejects.toMatchObject({ fieldErrors: { url: [expect.stringMatching(/connector's host/)] } });
    expect(actionSchema.safeParse({ ...action, headers: 'Authorization: Basic x' }).error?.issues[0].message).toBe("Line 1: remove Authorization. DIC sets it, from the connector's credentials.");
    // A run's calls carry their own Idempotency-Key; an action may not set one.
    expect(actionSchema.safeParse({ ...action, headers: 'Idempotency-Key: x' }).error?.issues[0].message).toBe('Line 1: remove Idempotency-Key. DIC sets it on every call.');
    await expect(saveExternalAction(outsider, actionSchema.parse(action))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers refused forms without the secret typed into them, and trigger passwords only when issued', async () => {
    // The action wrapper as the Connectors page's server actions use it, with this test's session.
    const deps: ActionDeps = { context: async () => admin, revalidate: () => {}, rethrow: () => {}, logUnexpected: () => {} };
    const form = (fields: Record<string, string>) => { const data = new FormData(); for (const [k, v] of Object.entries(fields)) data.set(k, v); return data; };
    const twin = await runAction(deps, { schema: connectorSchema, run: saveHttpConnector },
      form({ name: 'Gainsight twin', baseUrl: gs.baseUrl, authType: 'header', authHeaderName: 'Accesskey', secret: 'twin-secret-never-echoed', callsPerMinute: '60' }));
    expect(twin).toMatchObject({ ok: false, code: 'CONFLICT', values: { name: 'Gainsight twin' } });
    expect(JSON.stringify(twin)).not.toContain('twin-secret-never-echoed');
    const badToken = await runAction(deps, { schema: qualtricsConnectionSchema, run: saveQualtricsConnection }, form({ username: '', apiToken: 'qualtrics-token-never-echoed' }));
    expect(badToken).toMatchObject({ ok: false, fieldErrors: { username: [expect.any(String)] } });
    expect(JSON.stringify(badToken)).not.toContain('qualtrics-token-never-echoed');

    const issued = await createInboundTrigger(admin, inboundTriggerSchema.parse({ name: 'Renewals', actionKind: 'record_event', eventType: 'renewal', userIdField: 'User ID' }));
    expect(issued.password.length).toBeGreaterThanOrEqual(32);
    const rotated = await rotateInboundCredentials(admin, issued.id);
    const listed = JSON.stringify(await listInboundTriggersForDisplay(admin));
    expect(listed).toContain(issued.id);
    for (const secret of [issued.password, rotated.password]) expect(listed).not.toContain(secret);
    expect(JSON.stringify(await listConnectorsForDisplay(admin))).not.toContain(DEMO_ACCESS_KEY);
  });
});
