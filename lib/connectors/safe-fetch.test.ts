import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBodyText, safeFetch } from './safe-fetch';
import type { HostResolver } from './url-safety';

interface Seen { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }

/** A local HTTP server whose answer a test chooses; it records what reached it. */
async function server(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: Seen[] = [];
  const s = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => { seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body }); answer(req, res); });
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  return { origin, seen, close: () => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); }) };
}

describe('safeFetch', () => {
  let target: Awaited<ReturnType<typeof server>>;
  let redirector: Awaited<ReturnType<typeof server>>;
  let redirectTo = '';
  let redirectStatus = 302;

  beforeAll(async () => {
    target = await server((_req, res) => { res.writeHead(202, { 'content-type': 'application/json' }); res.end('{"ok":true}'); });
    redirector = await server((_req, res) => { res.writeHead(redirectStatus, { location: redirectTo }); res.end(); });
  });
  afterAll(async () => { await target.close(); await redirector.close(); });

  it('calls an allowlisted origin and returns its answer', async () => {
    const res = await safeFetch(`${target.origin}/hook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' }, { allowedPrivateOrigins: [target.origin] });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ ok: true });
    expect(target.seen.at(-1)).toMatchObject({ method: 'POST', url: '/hook', body: '{"a":1}' });
  });

  it('refuses the same local server when it is not on the allowlist, and sends nothing', async () => {
    const before = target.seen.length;
    await expect(safeFetch(`${target.origin}/hook`, {}, { allowedPrivateOrigins: [] })).rejects.toThrow(/must start with https/);
    await expect(safeFetch(target.origin.replace('http:', 'https:'), {}, { allowedPrivateOrigins: [] })).rejects.toThrow(/private or local address/);
    expect(target.seen.length).toBe(before);
  });

  it('refuses a name that resolves to an internal address before connecting', async () => {
    const resolve: HostResolver = async () => [{ address: '127.0.0.1', family: 4 }];
    await expect(safeFetch('https://hooks.example/x', {}, { allowedPrivateOrigins: [], resolve, what: 'The action URL' }))
      .rejects.toThrow('The action URL points to a private or local address (hooks.example)');
  });

  it('checks again at connect time, so a name that changes its answer after the check is still refused', async () => {
    let calls = 0;
    const rebinding: HostResolver = async () => (calls++ === 0 ? [{ address: '93.184.216.34', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]);
    await expect(safeFetch('https://rebind.example/x', {}, { allowedPrivateOrigins: [], resolve: rebinding }))
      .rejects.toThrow(/private or local address \(rebind\.example\)/);
    expect(calls).toBe(2);
  });

  it('re-checks every redirect hop: a redirect to an internal host is refused and never reached', async () => {
    const before = target.seen.length;
    redirectTo = `${target.origin}/secret`; // loopback, not allowlisted
    await expect(safeFetch(`${redirector.origin}/start`, {}, { allowedPrivateOrigins: [redirector.origin], what: 'The event URL' }))
      .rejects.toThrow(/The event URL redirected to 127\.0\.0\.1:\d+, and that address must start with https/);
    redirectTo = 'https://169.254.169.254/latest/meta-data/';
    await expect(safeFetch(`${redirector.origin}/start`, {}, { allowedPrivateOrigins: [redirector.origin] })).rejects.toThrow(/private or local address \(169\.254\.169\.254\)/);
    redirectTo = 'https://internal.example/';
    const resolve: HostResolver = async () => [{ address: '10.0.0.5', family: 4 }];
    await expect(safeFetch(`${redirector.origin}/start`, {}, { allowedPrivateOrigins: [redirector.origin], resolve })).rejects.toThrow(/private or local address \(internal\.example\)/);
    expect(target.seen.length).toBe(before);
  });

  it('follows allowed redirects, dropping credentials when the origin changes and the body after a 303', async () => {
    redirectStatus = 303;
    redirectTo = `${target.origin}/landed`;
    const res = await safeFetch(`${redirector.origin}/start`, {
      method: 'POST', headers: { authorization: 'Basic c2VjcmV0', accesskey: 'k', 'content-type': 'application/json', accept: 'application/json' }, body: '{}',
    }, { allowedPrivateOrigins: [redirector.origin, target.origin] });
    expect(res.status).toBe(202);
    const landed = target.seen.at(-1)!;
    expect(landed).toMatchObject({ method: 'GET', url: '/landed', body: '' });
    expect(landed.headers.authorization).toBeUndefined();
    expect(landed.headers.accesskey).toBeUndefined();
    expect(landed.headers.accept).toBe('application/json');
    redirectStatus = 302;
  });

  it('stops after the redirect limit', async () => {
    redirectTo = `${redirector.origin}/again`;
    await expect(safeFetch(`${redirector.origin}/start`, {}, { allowedPrivateOrigins: [redirector.origin], maxRedirects: 3 })).rejects.toThrow('redirected more than 3 times');
  });

  it('reads at most the given number of bytes of an answer', async () => {
    const big = await server((_req, res) => { res.end('x'.repeat(100_000)); });
    const res = await safeFetch(big.origin, {}, { allowedPrivateOrigins: [big.origin] });
    const { text, truncated } = await readBodyText(res, 1000);
    expect(text.length).toBe(1000);
    expect(truncated).toBe(true);
    await big.close();
  });

  it('reports an unreachable allowlisted host as a network error naming it', async () => {
    const gone = await server(() => undefined);
    await gone.close();
    await expect(safeFetch(`${gone.origin}/x`, {}, { allowedPrivateOrigins: [gone.origin] })).rejects.toThrow(/could not be reached \(ECONNREFUSED\)/);
  });
});
