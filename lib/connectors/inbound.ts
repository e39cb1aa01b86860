/**
 * The inbound JSON-event endpoint (what Gainsight's "Call External API" calls): Basic credentials compared
 * in constant time, at most 100 KB of JSON, a rate limit per trigger, then the trigger's action (run an
 * integration, or record an Insights event from mapped fields). Accepted calls answer 202
 * `{"eventId","requestId"}` and keep their body as the JSON captured from the most recent call; a refused
 * call stores nothing.
 */
import crypto from 'node:crypto';
import type { Database } from '@/db/client';
import { findInboundTriggerForCall, recordInboundCapture, type InboundTriggerRow } from '@/db/queries/inbound-triggers';
import { errorResponse } from '@/lib/api/error-response';
import { consumeRate } from '@/lib/api/rate-limit';
import { AppError } from '@/lib/errors';
import { ingestEvents } from '@/lib/insights/ingest';
import type { InboundLimiters } from './inbound-limiter';

/** Largest body an inbound call may have: 100 KB, as Qualtrics' JSON events. */
export const MAX_INBOUND_BYTES = 100 * 1024;

/** Starts a run of an integration for an inbound call; answers the run's id (the active one when a run is already queued). */
export type StartInboundRun = (db: Database, input: { workspaceId: string; integrationId: string; trigger: 'inbound' }) => Promise<{ runId: string }>;

/** What the handler works with; the route passes the real ones, tests their own. */
export interface InboundDeps {
  db: Database;
  limiters: InboundLimiters;
  startRun: StartInboundRun;
  now?: () => Date;
}

/** New Basic credentials for a trigger: the password is shown once; only its SHA-256 is stored (192 random bits). */
export function generateInboundCredentials(): { username: string; password: string; passwordHash: string } {
  const username = `dic_in_${crypto.randomBytes(6).toString('hex')}`;
  const password = crypto.randomBytes(24).toString('base64url');
  return { username, password, passwordHash: hashInboundPassword(password) };
}

export function hashInboundPassword(password: string): string {
  return crypto.createHash('sha256').update(password, 'utf8').digest('hex');
}

const digest = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest();
// Compared against when the trigger does not exist, so an unknown id costs the same as a wrong password.
const DUMMY = { username: 'dic_in_000000000000', passwordHash: hashInboundPassword(crypto.randomBytes(24).toString('base64url')) };

function credentialsMatch(trigger: Pick<InboundTriggerRow, 'username' | 'passwordHash'> | null, header: string | null): boolean {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  const decoded = m ? Buffer.from(m[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const username = colon >= 0 ? decoded.slice(0, colon) : '';
  const password = colon >= 0 ? decoded.slice(colon + 1) : '';
  const target = trigger ?? DUMMY;
  const userOk = crypto.timingSafeEqual(digest(username), digest(target.username));
  const passOk = crypto.timingSafeEqual(Buffer.from(hashInboundPassword(password), 'hex'), Buffer.from(target.passwordHash, 'hex'));
  return Boolean(trigger) && m !== null && userOk && passOk;
}

/** Reads at most MAX_INBOUND_BYTES: a declared larger size is refused before anything is read. */
async function readJson(request: Request): Promise<Record<string, unknown>> {
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `The body must be at most ${MAX_INBOUND_BYTES / 1024} KB of JSON.`);
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_INBOUND_BYTES) throw tooLarge();
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(request.headers.get('content-type') ?? '')) {
    throw new AppError('VALIDATION', 'Send JSON with Content-Type: application/json.');
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_INBOUND_BYTES) { await reader.cancel().catch(() => undefined); throw tooLarge(); }
      chunks.push(value);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
  } catch {
    throw new AppError('VALIDATION', 'The body is not valid JSON. Send a JSON object, e.g. {"Company GSID": "1P02…"}, or { }.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new AppError('VALIDATION', 'The body must be a JSON object in curly brackets, e.g. { }.');
  return parsed as Record<string, unknown>;
}

/** A field of the call by name, or by a dotted path into nested objects (`company.gsid`). */
export function fieldValue(body: Record<string, unknown>, field: string): unknown {
  if (Object.hasOwn(body, field)) return body[field];
  let current: unknown = body;
  for (const part of field.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

async function recordEvent(deps: InboundDeps, trigger: InboundTriggerRow, body: Record<string, unknown>, eventId: string, now: Date) {
  const mapping = trigger.eventMapping;
  if (!mapping) throw new AppError('CONFLICT', 'This trigger has no event mapping. An admin must edit it on the Connectors page.');
  const userId = fieldValue(body, mapping.userIdField);
  if (userId === undefined || userId === null || userId === '') throw new AppError('VALIDATION', `The call must carry the field "${mapping.userIdField}" (the end user's id).`);
  const email = mapping.emailField ? fieldValue(body, mapping.emailField) : undefined;
  const properties = Object.fromEntries(mapping.properties.map((p) => [p.property, fieldValue(body, p.field)]).filter(([, v]) => v !== undefined));
  const result = await ingestEvents(deps.db, trigger.workspaceId, {
    events: [{ id: eventId, userId: String(userId), ...(typeof email === 'string' && email ? { email } : {}), type: mapping.type, timestamp: now.toISOString(), properties }],
  }, now);
  if (result.rejected.length > 0) {
    throw new AppError('VALIDATION', `The event could not be recorded: ${result.rejected[0].message}. Check the trigger's field mapping.`);
  }
}

/** Answers one call to `/api/v1/inbound/{triggerId}`. Always a Response; errors are JSON `{error, code}`. */
export async function handleInboundCall(deps: InboundDeps, request: Request, triggerId: string): Promise<Response> {
  try {
    const now = deps.now?.() ?? new Date();
    const validId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(triggerId);
    const trigger = validId ? await findInboundTriggerForCall(deps.db, triggerId) : null;
    if (!credentialsMatch(trigger, request.headers.get('authorization'))) {
      await consumeRate(deps.limiters.failedAuth, triggerId.slice(0, 64), 'Too many calls with wrong credentials for this trigger.');
      return withBasicChallenge(errorResponse(new AppError('UNAUTHENTICATED', 'Wrong or missing credentials. Send "Authorization: Basic base64(username:password)" with the credentials shown when the trigger was created.')));
    }
    const found = trigger!;
    await consumeRate(deps.limiters.calls, found.id, 'Too many calls to this trigger.');
    const body = await readJson(request);
    const eventId = `EV_${crypto.randomBytes(12).toString('base64url')}`;
    const requestId = crypto.randomUUID();
    let runId: string | null = null;
    if (found.actionKind === 'run_integration') {
      if (!found.integrationId) throw new AppError('CONFLICT', 'The integration this trigger runs was deleted. An admin must choose another on the Connectors page.');
      runId = (await deps.startRun(deps.db, { workspaceId: found.workspaceId, integrationId: found.integrationId, trigger: 'inbound' })).runId;
    } else {
      await recordEvent(deps, found, body, eventId, now);
    }
    await recordInboundCapture(deps.db, found.workspaceId, found.id, { body, eventId, runId, at: now });
    return Response.json({ eventId, requestId }, { status: 202, headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, 'inbound JSON event failed');
  }
}

function withBasicChallenge(response: Response): Response {
  response.headers.set('www-authenticate', 'Basic realm="Data Integration Center", charset="UTF-8"');
  return response;
}
