/**
 * The request router: `accesskey` authentication, Gainsight's call limits (per access key: 100 a minute,
 * 50,000 a day; 429 when over), the data routes, the external-action receiver (`/v1/hooks/{name}`, any
 * method) and the control API under `/__emulator`.
 */
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { handleControl } from '../control/routes';
import type { GainsightStore } from '../model/store';
import { handleData } from './data-routes';
import { GainsightHttpError, readJson, sendData, sendError } from './respond';

/** Call limits per access key. */
export interface GainsightLimits {
  perMinute: number;
  perDay: number;
}

function safeEqual(a: string, b: string): boolean {
  return crypto.timingSafeEqual(crypto.createHash('sha256').update(a).digest(), crypto.createHash('sha256').update(b).digest());
}

function authenticate(store: GainsightStore, req: IncomingMessage): string {
  const key = req.headers.accesskey;
  if (typeof key !== 'string' || !store.accessKeys.some((k) => safeEqual(k, key))) {
    throw new GainsightHttpError(401, 'GS_AUTH_FAILED', 'Authentication failed: send a valid access key in the accesskey header.');
  }
  return key;
}

function limiters(limits: GainsightLimits) {
  return {
    minute: new RateLimiterMemory({ keyPrefix: 'gs-minute', points: limits.perMinute, duration: 60 }),
    day: new RateLimiterMemory({ keyPrefix: 'gs-day', points: limits.perDay, duration: 86_400 }),
  };
}

/** The node:http request listener. */
export function requestListener(store: GainsightStore, initialLimits: GainsightLimits, now: () => number) {
  const limits = { ...initialLimits };
  let active = limiters(limits);
  const setLimits = (next: Partial<GainsightLimits>) => { Object.assign(limits, next); active = limiters(limits); };

  async function consume(key: string) {
    for (const [name, limiter] of [['minute', active.minute], ['day', active.day]] as const) {
      try {
        await limiter.consume(key);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        const what = name === 'minute' ? `${limits.perMinute} calls a minute` : `${limits.perDay} calls a day`;
        throw new GainsightHttpError(429, 'GS_RATE_LIMIT_EXCEEDED', `Rate limit exceeded: at most ${what} per access key.`, { 'Retry-After': String(seconds) });
      }
    }
  }

  async function hook(req: IncomingMessage, res: ServerResponse, url: URL, name: string, requestId: string) {
    const body = await readJson(req, 1024 * 1024);
    const headers = Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const idempotencyKey = headers['idempotency-key'] || null;
    const first = idempotencyKey ? store.calls.find((c) => c.hook === name && c.idempotencyKey === idempotencyKey) : undefined;
    if (first) {
      // A repeat: answered like the first call, nothing stored again.
      store.replays += 1;
      sendData(res, first.requestId, { count: 1, errors: null, records: [] }, 200, { 'Idempotent-Replayed': 'true' });
      return;
    }
    store.calls.push({ idempotencyKey,
      requestId, receivedAt: new Date(now()).toISOString(), method: req.method ?? 'GET', hook: name,
      query: Object.fromEntries(url.searchParams), headers, body,
    });
    sendData(res, requestId, { count: 1, errors: null, records: [] });
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string) {
    if (url.pathname === '/__emulator' || url.pathname.startsWith('/__emulator/')) return handleControl(store, { limits, setLimits }, req, res, url);
    const key = authenticate(store, req);
    const forced = store.takeForced();
    if (forced) throw new GainsightHttpError(forced, forced === 429 ? 'GS_RATE_LIMIT_EXCEEDED' : 'GS_SERVER_ERROR', 'Injected fault.', forced === 429 ? { 'Retry-After': '1' } : {});
    await consume(key);
    const hookMatch = /^\/v1\/hooks\/([\w.-]+)$/.exec(url.pathname);
    if (hookMatch) return hook(req, res, url, hookMatch[1], requestId);
    if (await handleData(store, req, res, url, requestId)) return;
    throw new GainsightHttpError(404, 'GS_NOT_FOUND', `No resource at ${url.pathname}.`);
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://gainsight.local');
    const requestId = crypto.randomUUID();
    route(req, res, url, requestId).catch((err: unknown) => {
      if (res.headersSent) { res.destroy(); return; }
      if (err instanceof GainsightHttpError) return sendError(res, requestId, err);
      sendError(res, requestId, new GainsightHttpError(500, 'GS_SERVER_ERROR', `Internal error: ${(err as Error).message}`));
    });
  };
}
