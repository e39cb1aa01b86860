import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCESS_KEY, startGainsightEmulator, type RunningGainsightEmulator } from '@/emulators/gainsight';
import { DEMO_QUALTRICS_USER, startQualtricsEmulator, type RunningQualtricsEmulator } from '@/emulators/qualtrics';
import { actionUrl, sendAction, type ConnectorSecrets } from './send-action';

describe('sending actions to the emulators', () => {
  let q: RunningQualtricsEmulator;
  let gs: RunningGainsightEmulator;
  let allowed: string[];
  beforeAll(async () => {
    q = await startQualtricsEmulator();
    gs = await startGainsightEmulator();
    allowed = [q.baseUrl, gs.baseUrl];
  });
  afterAll(async () => { await q.close(); await gs.close(); });

  const qualtrics = (): ConnectorSecrets => ({
    kind: 'qualtrics', name: 'Qualtrics', baseUrl: null, authType: 'basic', authUsername: DEMO_QUALTRICS_USER.username, authHeaderName: null, secret: DEMO_QUALTRICS_USER.apiToken,
  });

  it('posts a Qualtrics JSON event with the Basic header and reads eventId and requestId', async () => {
    const outcome = await sendAction(qualtrics(), { method: 'POST', url: q.eventUrl(), headers: [], payloadTemplate: '{"Email": "{{Email}}", "Score": {{NPS Score}}}' },
      { Email: 'ana@example.com', 'NPS Score': 2 }, { allowedPrivateOrigins: allowed });
    expect(outcome).toMatchObject({ status: 202, ok: true, eventId: expect.stringMatching(/^EV_/), requestId: expect.any(String), payload: { Email: 'ana@example.com', Score: 2 } });
    const received = q.state.events.at(-1)!;
    expect(received.authorizationHeader).toBe(`Basic ${Buffer.from(`${DEMO_QUALTRICS_USER.username}:${DEMO_QUALTRICS_USER.apiToken}`).toString('base64')}`);
    expect(received.body).toEqual({ Email: 'ana@example.com', Score: 2 });
  });

  it('reports a refused call with its status and Qualtrics\' message', async () => {
    const outcome = await sendAction({ ...qualtrics(), secret: 'wrong' }, { method: 'POST', url: q.eventUrl(), headers: [], payloadTemplate: '{ }' }, {}, { allowedPrivateOrigins: allowed });
    expect(outcome.status).toBe(401);
    expect(outcome.ok).toBe(false);
    expect(outcome.body).toMatch(/Authentication failed/);
  });

  it('calls a Gainsight-style action with a header token, URL tokens and extra headers', async () => {
    const connector: ConnectorSecrets = { kind: 'http', name: 'Gainsight', baseUrl: gs.baseUrl, authType: 'header', authUsername: null, authHeaderName: 'Accesskey', secret: DEMO_ACCESS_KEY };
    const outcome = await sendAction(connector, {
      method: 'PUT', url: '/v1/hooks/nps?user={{User ID}}', headers: [{ name: 'X-Source', value: 'DIC {{User ID}}' }, { name: 'Authorization', value: 'sneaky' }],
      payloadTemplate: '{"user": "{{User ID}}"}',
    }, { 'User ID': 'u 1&2' }, { allowedPrivateOrigins: allowed });
    expect(outcome).toMatchObject({ status: 200, ok: true, requestId: expect.any(String) });
    const call = gs.store.calls.at(-1)!;
    expect(call).toMatchObject({ method: 'PUT', query: { user: 'u 1&2' }, body: { user: 'u 1&2' } });
    expect(call.headers.accesskey).toBe(DEMO_ACCESS_KEY);
    expect(call.headers['x-source']).toBe('DIC u 1&2');
    expect(call.headers.authorization).toBeUndefined();
  });

  it('keeps action URLs on the connector\'s host and refuses payloads over 100 KB before sending', async () => {
    expect(() => actionUrl({ baseUrl: 'https://acme.gainsightcloud.com' }, 'https://evil.example/x')).toThrow(/must be on the connector's host \(acme\.gainsightcloud\.com\)/);
    expect(actionUrl({ baseUrl: 'https://acme.gainsightcloud.com/v1' }, 'hooks/a').toString()).toBe('https://acme.gainsightcloud.com/v1/hooks/a');
    const before = q.state.events.length;
    await expect(sendAction(qualtrics(), { method: 'POST', url: q.eventUrl(), headers: [], payloadTemplate: '{"t": "{{T}}"}' }, { T: 'x'.repeat(101 * 1024) }, { allowedPrivateOrigins: allowed }))
      .rejects.toThrow(/at most 100 KB/);
    expect(q.state.events.length).toBe(before);
  });
});
