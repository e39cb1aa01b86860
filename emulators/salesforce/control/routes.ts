/**
 * The control API over HTTP, under `/__emulator` (a prefix Salesforce never uses). Bodies and answers
 * are plain JSON; errors are `{"error": "..."}` with 400/404.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { faultRuleSchema } from '../faults';
import type { OrgKey } from '../model/org';
import { readJson, sendJson } from '../http/respond';
import type { EmulatorControl } from './control';

const orgKey = z.enum(['sandbox', 'production']);
const usageBody = z.object({ max: z.number().int().min(0).optional(), used: z.number().int().min(0).optional() });
const generateBody = z.object({
  count: z.number().int().min(0).max(5_000_000),
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  returnIds: z.boolean().optional(),
});

async function dispatch(control: EmulatorControl, req: IncomingMessage, url: URL): Promise<[number, unknown]> {
  const method = req.method ?? 'GET';
  const seg = url.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
  const route = `${method} /${seg.map((s, i) => (seg[0] === 'orgs' && (i === 1 || i === 3 || i === 5) ? ':' : s)).join('/')}`;
  const body = async () => (method === 'GET' || method === 'DELETE' ? null : await readJson(req));
  switch (route) {
    case 'GET /': case 'GET /info': return [200, control.info()];
    case 'POST /reset': control.reset(); return [200, { ok: true }];
    case 'PUT /orgs/:/seed': case 'POST /orgs/:/seed': control.seed(orgKey.parse(seg[1]), await body()); return [200, { ok: true }];
    case 'GET /orgs/:/sobjects/:/records':
      return [200, control.records(orgKey.parse(seg[1]), seg[3], { includeDeleted: url.searchParams.get('includeDeleted') === 'true' })];
    case 'POST /orgs/:/sobjects/:/generate': {
      const b = generateBody.parse(await body());
      return [200, control.generateRecords(orgKey.parse(seg[1]), seg[3], b.count, b.values, { returnIds: b.returnIds })];
    }
    case 'DELETE /orgs/:/sobjects/:/fields/:': {
      control.deleteField(orgKey.parse(seg[1]), seg[3], seg[5]);
      return [200, { ok: true }];
    }
    case 'GET /orgs/:/api-usage': return [200, control.apiUsage(orgKey.parse(seg[1]))];
    case 'PUT /orgs/:/api-usage': return [200, control.apiUsage(orgKey.parse(seg[1]), usageBody.parse(await body()))];
    case 'PUT /connected-app': {
      const b = z.object({ rotateRefreshTokens: z.boolean() }).parse(await body());
      control.setRefreshTokenRotation(b.rotateRefreshTokens);
      return [200, { rotateRefreshTokens: b.rotateRefreshTokens }];
    }
    case 'POST /tokens/expire': {
      const b = z.object({ org: orgKey.optional() }).nullable().parse(await body());
      return [200, { expired: control.expireAccessTokens(b?.org as OrgKey | undefined) }];
    }
    case 'POST /tokens/revoke': {
      const b = z.object({ token: z.string().optional() }).nullable().parse(await body());
      return [200, { revoked: control.revokeTokens(b?.token) }];
    }
    case 'GET /tokens/refresh': return [200, control.refreshGrants()];
    case 'GET /tokens/refresh-status': return [200, control.refreshTokenStatus(url.searchParams.get('token') ?? '')];
    case 'GET /stats': {
      const mem = process.memoryUsage();
      return [200, { tokenCalls: control.tokenCalls(), rssBytes: mem.rss, heapUsedBytes: mem.heapUsed }];
    }
    case 'GET /faults': return [200, control.faults()];
    case 'POST /faults': return [201, { id: control.addFault(faultRuleSchema.parse(await body())) }];
    case 'DELETE /faults': control.clearFaults(); return [200, { ok: true }];
  }
  if (method === 'DELETE' && seg[0] === 'faults' && seg.length === 2) { control.clearFaults(Number(seg[1])); return [200, { ok: true }]; }
  return [404, { error: `No control route ${method} ${url.pathname}` }];
}

/** Handles a request under /__emulator. */
export async function handleControl(control: EmulatorControl, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  try {
    const [status, body] = await dispatch(control, req, url);
    sendJson(res, status, body);
  } catch (e) {
    const message = e instanceof z.ZodError ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (e as Error).message;
    sendJson(res, 400, { error: message });
  }
}
