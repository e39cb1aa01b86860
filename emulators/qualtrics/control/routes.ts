/**
 * The control API under `/__emulator` (a prefix Qualtrics never uses): inspect received events, add
 * triggers and users, force faults, change the rate limit, reset. Plain JSON; errors `{"error"}`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { QualtricsState } from '../state';
import { sendJson } from '../http/respond';
import type { QualtricsRouterOptions } from '../http/server';

const triggerBody = z.object({ workflowName: z.string().min(1), urlTokenId: z.string().min(1).optional(), legacy: z.boolean().optional() });
const userBody = z.object({ username: z.string().min(1), apiToken: z.string().min(1) });
const faultBody = z.object({ status: z.number().int().min(400).max(599), times: z.number().int().min(1).default(1), retryAfterSeconds: z.number().int().min(0).optional() });
const limitBody = z.union([
  z.object({ callsPerMinute: z.number().int().min(1) }).strict().transform((l) => ({ calls: l.callsPerMinute, windowSeconds: 60 })),
  z.object({ calls: z.number().int().min(1), windowSeconds: z.number().int().min(1).default(60) }).strict(),
]);
const delayBody = z.object({ answerDelayMs: z.number().int().min(0).max(60_000) });

/** Knobs of the router the control API can turn. */
export interface RouterControl {
  options: QualtricsRouterOptions;
  setLimit(calls: number, windowSeconds?: number): void;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? {} : JSON.parse(text);
}

async function dispatch(state: QualtricsState, router: RouterControl, req: IncomingMessage, url: URL): Promise<[number, unknown]> {
  const route = `${req.method} ${url.pathname.replace(/^\/__emulator/, '') || '/'}`;
  switch (route) {
    case 'GET /': case 'GET /info':
      return [200, { users: state.users.map((u) => u.username), triggers: [...state.triggers.values()].map(({ lastCapture: _c, ...t }) => t), limit: { calls: router.options.calls, windowSeconds: router.options.windowSeconds }, maxEventBytes: router.options.maxEventBytes, rateLimited: state.rateLimited.length, replays: state.replays, answerDelayMs: state.answerDelayMs }];
    case 'GET /rate-limited': return [200, state.rateLimited];
    case 'GET /events': {
      const token = url.searchParams.get('urlTokenId');
      return [200, token ? state.events.filter((e) => e.urlTokenId === token) : state.events];
    }
    case 'DELETE /events': state.events = []; return [200, { ok: true }];
    case 'GET /triggers': return [200, [...state.triggers.values()]];
    case 'POST /triggers': return [201, state.addTrigger(triggerBody.parse(await readJson(req)))];
    case 'POST /users': { const u = userBody.parse(await readJson(req)); state.users.push(u); return [201, { username: u.username }]; }
    case 'POST /faults': { const f = faultBody.parse(await readJson(req)); state.forced.push({ status: f.status, remaining: f.times, retryAfterSeconds: f.retryAfterSeconds }); return [201, { ok: true }]; }
    case 'DELETE /faults': state.forced = []; return [200, { ok: true }];
    case 'PUT /limits': { const l = limitBody.parse(await readJson(req)); router.setLimit(l.calls, l.windowSeconds); return [200, l]; }
    case 'PUT /delay': { const d = delayBody.parse(await readJson(req)); state.answerDelayMs = d.answerDelayMs; return [200, d]; }
    case 'POST /reset': state.reset(); router.setLimit(router.options.calls, router.options.windowSeconds); return [200, { ok: true }];
  }
  return [404, { error: `No control route ${route}` }];
}

/** Handles a request under /__emulator. */
export async function handleControl(state: QualtricsState, router: RouterControl, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  try {
    const [status, body] = await dispatch(state, router, req, url);
    sendJson(res, status, body);
  } catch (e) {
    const message = e instanceof z.ZodError ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (e as Error).message;
    sendJson(res, 400, { error: message });
  }
}
