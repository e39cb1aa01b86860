/**
 * The control API under `/__emulator`: received external-action calls, stored records, access keys,
 * forced faults, limits, reset. Plain JSON; errors `{"error"}`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { GS_OBJECTS, type GainsightStore, type GsObject } from '../model/store';
import { readJson, sendJson } from '../http/respond';
import type { GainsightLimits } from '../http/server';

/** Knobs of the router the control API can turn. */
export interface RouterControl {
  limits: GainsightLimits;
  setLimits(next: Partial<GainsightLimits>): void;
}

const faultBody = z.object({ status: z.number().int().min(400).max(599), times: z.number().int().min(1).default(1) });
const limitsBody = z.object({ perMinute: z.number().int().min(1).optional(), perDay: z.number().int().min(1).optional() });
const keyBody = z.object({ accessKey: z.string().min(1) });

async function dispatch(store: GainsightStore, router: RouterControl, req: IncomingMessage, url: URL): Promise<[number, unknown]> {
  const path = url.pathname.replace(/^\/__emulator/, '') || '/';
  const route = `${req.method} ${path}`;
  const objects = /^\/objects\/(\w+)$/.exec(path);
  if (objects && req.method === 'GET') {
    if (!(GS_OBJECTS as readonly string[]).includes(objects[1])) return [404, { error: `No object ${objects[1]}` }];
    return [200, [...store.objects[objects[1] as GsObject].values()]];
  }
  switch (route) {
    case 'GET /': case 'GET /info': return [200, { limits: router.limits, objects: GS_OBJECTS, calls: store.calls.length, replays: store.replays }];
    case 'GET /calls': {
      const hook = url.searchParams.get('hook');
      return [200, hook ? store.calls.filter((c) => c.hook === hook) : store.calls];
    }
    case 'DELETE /calls': store.calls = []; return [200, { ok: true }];
    case 'POST /access-keys': store.accessKeys.push(keyBody.parse(await readJson(req)).accessKey); return [201, { ok: true }];
    case 'POST /faults': { const f = faultBody.parse(await readJson(req)); store.forced.push({ status: f.status, remaining: f.times }); return [201, { ok: true }]; }
    case 'DELETE /faults': store.forced = []; return [200, { ok: true }];
    case 'PUT /limits': router.setLimits(limitsBody.parse(await readJson(req))); return [200, router.limits];
    case 'POST /reset': store.reset(); router.setLimits({}); return [200, { ok: true }];
  }
  return [404, { error: `No control route ${route}` }];
}

/** Handles a request under /__emulator. */
export async function handleControl(store: GainsightStore, router: RouterControl, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  try {
    const [status, body] = await dispatch(store, router, req, url);
    sendJson(res, status, body);
  } catch (e) {
    const message = e instanceof z.ZodError ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (e as Error).message;
    sendJson(res, 400, { error: message });
  }
}
