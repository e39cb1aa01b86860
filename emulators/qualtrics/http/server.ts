/**
 * The request router: the workflow JSON event endpoint
 * `POST /inbound-event/v1/events/json/triggers?urlTokenId=…` (or the older `contextId, userId, brandId,
 * triggerId` form), and the control API under `/__emulator`.
 */
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { handleControl } from '../control/routes';
import { qualtricsId, type QualtricsState, type QualtricsUser } from '../state';
import { QualtricsHttpError, sendError, sendResult } from './respond';

/** Qualtrics' limit on a JSON event body: 100 KB. */
export const MAX_EVENT_BYTES = 100 * 1024;
export const EVENT_PATH = '/inbound-event/v1/events/json/triggers';

/** Settings of the router. */
export interface QualtricsRouterOptions {
  /** Calls per window per trigger; Qualtrics allows 3,000 a minute. */
  calls: number;
  /** The window of the limit, in seconds; 60 (tests shrink it). */
  windowSeconds: number;
  maxEventBytes: number;
}

/** The header a caller sets so a repeated call is recognised (answered like the first, stored once). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

function safeEqual(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a).digest();
  const hb = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}

/** Basic `base64(username:token)` or X-API-TOKEN; nothing else is accepted. */
function authenticate(state: QualtricsState, req: IncomingMessage): { user: QualtricsUser; scheme: 'basic' | 'x-api-token'; header: string } {
  const apiToken = req.headers['x-api-token'];
  if (typeof apiToken === 'string' && apiToken !== '') {
    const user = state.users.find((u) => safeEqual(u.apiToken, apiToken));
    if (user) return { user, scheme: 'x-api-token', header: apiToken };
  }
  const authorization = req.headers.authorization ?? '';
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const username = decoded.slice(0, colon);
    const token = decoded.slice(colon + 1);
    const user = colon > 0 ? state.users.find((u) => u.username === username && safeEqual(u.apiToken, token)) : undefined;
    if (user) return { user, scheme: 'basic', header: authorization };
  }
  throw new QualtricsHttpError(401, 'AUTH_6.0', 'Authentication failed. Send Authorization: Basic base64(username:API token), or X-API-TOKEN.', {
    'WWW-Authenticate': 'Basic realm="Qualtrics"',
  });
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new QualtricsHttpError(413, 'PAYLOAD_TOO_LARGE', `The JSON event body must be at most ${maxBytes / 1024} KB.`, { Connection: 'close' });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseJson(body: Buffer, contentType: string): unknown {
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(contentType)) {
    throw new QualtricsHttpError(400, 'INVALID_CONTENT_TYPE', 'The JSON event accepts only JSON: send Content-Type: application/json.');
  }
  try {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed;
  } catch {
    throw new QualtricsHttpError(400, 'INVALID_JSON', 'The request body is not a JSON object.');
  }
}

/** The node:http request listener. */
export function requestListener(state: QualtricsState, options: QualtricsRouterOptions, now: () => number) {
  const makeLimiter = () => new RateLimiterMemory({ keyPrefix: 'qualtrics', points: options.calls, duration: options.windowSeconds });
  let limiter = makeLimiter();
  const setLimit = (calls: number, windowSeconds = options.windowSeconds) => {
    options.calls = calls;
    options.windowSeconds = windowSeconds;
    limiter = makeLimiter();
  };
  const limitText = () => (options.windowSeconds === 60 ? `${options.calls} calls per minute` : `${options.calls} calls per ${options.windowSeconds} s`);

  async function event(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> {
    const auth = authenticate(state, req);
    const trigger = state.findTrigger(url.searchParams);
    if (!trigger) throw new QualtricsHttpError(404, 'NOT_FOUND', 'No JSON event trigger matches this URL. Copy the URL again from the workflow\'s JSON event.');
    const forced = state.takeForced();
    if (forced) {
      const headers: Record<string, string> = forced.retryAfterSeconds !== undefined ? { 'Retry-After': String(forced.retryAfterSeconds) } : {};
      throw new QualtricsHttpError(forced.status, forced.status === 429 ? 'TOO_MANY_REQUESTS' : 'SERVER_ERROR', 'Injected fault.', headers);
    }
    try {
      await limiter.consume(trigger.urlTokenId);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      state.rateLimited.push({ at: new Date(now()).toISOString(), urlTokenId: trigger.urlTokenId });
      throw new QualtricsHttpError(429, 'TOO_MANY_REQUESTS', `Rate limit of ${limitText()} exceeded for this JSON event.`, { 'Retry-After': String(seconds) });
    }
    const contentType = req.headers['content-type'] ?? '';
    const body = parseJson(await readBody(req, options.maxEventBytes), contentType);
    const key = req.headers[IDEMPOTENCY_HEADER];
    const idempotencyKey = typeof key === 'string' && key !== '' ? key : null;
    const first = idempotencyKey ? state.findRepeat(trigger.urlTokenId, idempotencyKey) : undefined;
    if (first) {
      // A repeat: answered like the first call, nothing stored again.
      state.replays += 1;
      await state.delayAnswer();
      sendResult(res, 202, first.requestId, { eventId: first.eventId }, { 'Idempotent-Replayed': 'true' });
      return;
    }
    const eventId = qualtricsId('EV');
    const receivedAt = new Date(now()).toISOString();
    state.events.push({
      eventId, requestId, urlTokenId: trigger.urlTokenId, receivedAt, auth: { scheme: auth.scheme, username: auth.user.username },
      authorizationHeader: auth.header, contentType, idempotencyKey, body,
    });
    trigger.lastCapture = { at: receivedAt, body };
    await state.delayAnswer();
    sendResult(res, 202, requestId, { eventId });
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://qualtrics.local');
    const requestId = crypto.randomUUID();
    const work = async () => {
      if (url.pathname === '/__emulator' || url.pathname.startsWith('/__emulator/')) return handleControl(state, { setLimit, options }, req, res, url);
      if (url.pathname === EVENT_PATH || url.pathname === `${EVENT_PATH}/`) {
        if (req.method !== 'POST') throw new QualtricsHttpError(405, 'METHOD_NOT_ALLOWED', 'JSON events accept POST only.', { Allow: 'POST' });
        return event(req, res, url, requestId);
      }
      throw new QualtricsHttpError(404, 'NOT_FOUND', `No resource at ${url.pathname}.`);
    };
    work().catch((err: unknown) => {
      if (res.headersSent) { res.destroy(); return; }
      if (err instanceof QualtricsHttpError) {
        sendError(res, requestId, err);
        // Stop reading a body we refused (413 before reading it all), as real servers do.
        if (err.status === 413) req.resume();
        return;
      }
      sendError(res, requestId, new QualtricsHttpError(500, 'SERVER_ERROR', `Internal error: ${(err as Error).message}`));
    });
  };
}
