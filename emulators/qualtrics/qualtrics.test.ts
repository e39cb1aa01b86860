import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_QUALTRICS_USER, startQualtricsEmulator, type RunningQualtricsEmulator } from './index';

const basic = (user: string, token: string) => `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;
const demoBasic = basic(DEMO_QUALTRICS_USER.username, DEMO_QUALTRICS_USER.apiToken);

describe('Qualtrics emulator: JSON event endpoint', () => {
  let q: RunningQualtricsEmulator;
  const post = (url: string, body: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: demoBasic, ...headers }, body });

  beforeAll(async () => { q = await startQualtricsEmulator({ callsPerMinute: 5 }); });
  afterAll(async () => { await q.close(); });
  beforeEach(async () => { await fetch(`${q.baseUrl}/__emulator/reset`, { method: 'POST' }); });

  it('accepts a JSON event with Basic auth: 202 with eventId and requestId in the Qualtrics envelope', async () => {
    const res = await post(q.eventUrl(), JSON.stringify({ 'Company GSID': '1P02', 'Renewal Date': '2027-01-31' }));
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toEqual({ result: { eventId: expect.stringMatching(/^EV_/) }, meta: { httpStatus: '202 - Accepted', requestId: expect.any(String) } });
    const events = await (await fetch(`${q.baseUrl}/__emulator/events`)).json();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      eventId: body.result.eventId, requestId: body.meta.requestId, authorizationHeader: demoBasic,
      auth: { scheme: 'basic', username: DEMO_QUALTRICS_USER.username }, body: { 'Company GSID': '1P02', 'Renewal Date': '2027-01-31' },
    });
    const [trigger] = await (await fetch(`${q.baseUrl}/__emulator/triggers`)).json();
    expect(trigger.lastCapture.body).toEqual({ 'Company GSID': '1P02', 'Renewal Date': '2027-01-31' });
  });

  it('accepts X-API-TOKEN, and the older contextId/userId/brandId/triggerId URL', async () => {
    const legacy = await (await fetch(`${q.baseUrl}/__emulator/triggers`, { method: 'POST', body: JSON.stringify({ workflowName: 'Old', legacy: true }) })).json();
    const params = new URLSearchParams(legacy.legacy);
    const res = await fetch(`${q.baseUrl}/inbound-event/v1/events/json/triggers?${params}`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-api-token': DEMO_QUALTRICS_USER.apiToken }, body: '{ }',
    });
    expect(res.status).toBe(202);
    expect(q.state.events[0]).toMatchObject({ urlTokenId: legacy.urlTokenId, auth: { scheme: 'x-api-token' }, body: {} });
  });

  it('refuses wrong or missing credentials with 401, and keeps nothing', async () => {
    for (const headers of <Array<Record<string, string>>>[{ authorization: basic(DEMO_QUALTRICS_USER.username, 'wrong') }, { authorization: 'Bearer x' }, { authorization: '' }, { authorization: '', 'x-api-token': 'nope' }]) {
      const res = await post(q.eventUrl(), '{}', headers);
      expect(res.status).toBe(401);
      const body = await res.json();
      expect(body.meta.httpStatus).toBe('401 - Unauthorized');
      expect(body.meta.error.errorMessage).toMatch(/Authentication failed/);
    }
    expect(q.state.events).toHaveLength(0);
  });

  it('answers 404 for an unknown trigger, 400 for a body that is not JSON, 405 for GET', async () => {
    expect((await post(q.eventUrl('urlToken_unknown'), '{}')).status).toBe(404);
    const notJson = await post(q.eventUrl(), 'name=ana');
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).meta.error.errorCode).toBe('INVALID_JSON');
    expect((await post(q.eventUrl(), 'name=ana', { 'content-type': 'text/plain' })).status).toBe(400);
    expect((await fetch(q.eventUrl(), { headers: { authorization: demoBasic } })).status).toBe(405);
    expect(q.state.events).toHaveLength(0);
  });

  it('refuses a body over 100 KB with 413', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(100 * 1024) });
    const res = await post(q.eventUrl(), big);
    expect(res.status).toBe(413);
    expect((await res.json()).meta.httpStatus).toBe('413 - Payload Too Large');
    const fits = JSON.stringify({ text: 'x'.repeat(100 * 1024 - 20) });
    expect((await post(q.eventUrl(), fits)).status).toBe(202);
  });

  it('limits calls per minute per trigger with 429 and Retry-After', async () => {
    for (let i = 0; i < 5; i += 1) expect((await post(q.eventUrl(), `{"i":${i}}`)).status).toBe(202);
    const res = await post(q.eventUrl(), '{"i":5}');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await res.json()).meta.httpStatus).toBe('429 - Too Many Requests');
    expect(q.state.events).toHaveLength(5);
  });

  it('answers a repeat with the same Idempotency-Key like the first call and keeps the event once', async () => {
    const first = await post(q.eventUrl(), '{"row":"u-1"}', { 'idempotency-key': 'run-1:u-1' });
    const again = await post(q.eventUrl(), '{"row":"u-1"}', { 'idempotency-key': 'run-1:u-1' });
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect((await post(q.eventUrl(), '{"row":"u-1"}', { 'idempotency-key': 'run-2:u-1' })).status).toBe(202);
    expect((await post(q.eventUrl(), '{"row":"u-1"}')).status).toBe(202);
    expect(q.state.events.map((e) => e.idempotencyKey)).toEqual(['run-1:u-1', 'run-2:u-1', null]);
    const info = await (await fetch(`${q.baseUrl}/__emulator/info`)).json();
    expect(info).toMatchObject({ replays: 1, rateLimited: 0 });
  });

  it('counts its 429s and takes a limit per window shorter than a minute', async () => {
    const set = await fetch(`${q.baseUrl}/__emulator/limits`, { method: 'PUT', body: JSON.stringify({ calls: 2, windowSeconds: 30 }) });
    expect(await set.json()).toEqual({ calls: 2, windowSeconds: 30 });
    for (let i = 0; i < 2; i += 1) expect((await post(q.eventUrl(), '{}')).status).toBe(202);
    const refused = await post(q.eventUrl(), '{}');
    expect(refused.status).toBe(429);
    expect((await refused.json()).meta.error.errorMessage).toBe('Rate limit of 2 calls per 30 s exceeded for this JSON event.');
    expect(q.state.rateLimited).toEqual([{ at: expect.any(String), urlTokenId: q.state.events[0].urlTokenId }]);
    await fetch(`${q.baseUrl}/__emulator/limits`, { method: 'PUT', body: JSON.stringify({ callsPerMinute: 5 }) });
  });

  it('answers injected faults, then recovers', async () => {
    await fetch(`${q.baseUrl}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ status: 503, times: 2 }) });
    expect((await post(q.eventUrl(), '{}')).status).toBe(503);
    expect((await post(q.eventUrl(), '{}')).status).toBe(503);
    expect((await post(q.eventUrl(), '{}')).status).toBe(202);
  });
});
