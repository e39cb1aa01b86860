import type { PgBoss } from 'pg-boss';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { z } from 'zod';
import type { Database } from '@/db/client';
import { getRun } from '@/db/queries/integration-runs';
import { recordAudit } from '@/db/queries/audit';
import { AppError, notFound } from '@/lib/errors';
import { startRun } from '@/lib/runs/start-run';
import { runView } from '@/lib/runs/view';
import { authenticateApiKey } from './api-key';
import { errorResponse } from './error-response';
import { consumeRate, NamedRateLimit } from './rate-limit';

/**
 * Requests per API key to the runs API, starts and reads together: 120 a minute (a client polling a run
 * once a second stays under it). Counted in the database on PostgreSQL, like ingestion's limit.
 */
export const runsRateLimit = new NamedRateLimit('runs-api', { points: 120, durationSeconds: 60 });

/** Collaborators of the handlers; the routes pass the database's limiter. */
export interface RunsRequestOptions {
  limiter?: RateLimiterAbstract;
}

async function authenticateAndLimit(db: Database, request: Request, options: RunsRequestOptions) {
  const caller = await authenticateApiKey(db, request);
  await consumeRate(options.limiter ?? runsRateLimit.inMemory(), caller.keyId, 'Too many requests to the runs API for this API key.');
  return caller;
}

const startBody = z.object({ fullResync: z.boolean().default(false) }).strict();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Largest body the start endpoint reads; it only takes `{ "fullResync": true }`. */
const MAX_START_BODY = 1024;

async function readStartOptions(request: Request): Promise<z.output<typeof startBody>> {
  const text = await request.text();
  if (text.length > MAX_START_BODY) throw new AppError('PAYLOAD_TOO_LARGE', 'The body must be at most 1 KB: send nothing, or {"fullResync": true}.');
  if (text.trim() === '') return { fullResync: false };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('VALIDATION', `The body is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = startBody.safeParse(json);
  if (!parsed.success) throw new AppError('VALIDATION', 'The body may only be {"fullResync": true} or {"fullResync": false}.');
  return parsed.data;
}

/**
 * `POST /api/v1/integrations/{id}/runs`: starts a run with the workspace's API key. 202 `{ runId, status }`
 * with a Location of the run; 409 while a run is active (its id in `details.activeRunId`); 404 for an
 * integration the key's workspace does not have; 401 for a missing, unknown or revoked key; 429 with
 * Retry-After past the key's limit (shared with GET /api/v1/runs/{id}).
 */
export async function handleStartRun(db: Database, boss: PgBoss, request: Request, integrationId: string, deps: RunsRequestOptions = {}): Promise<Response> {
  try {
    const caller = await authenticateAndLimit(db, request, deps);
    const options = await readStartOptions(request);
    const run = await startRun(db, boss, { workspaceId: caller.workspaceId, integrationId, trigger: 'api', triggeredBy: null, fullResync: options.fullResync });
    await recordAudit(db, {
      workspaceId: caller.workspaceId, actorId: null, actorEmail: null, action: 'integration.run', targetType: 'integration',
      targetId: integrationId, summary: `Started a run through the API${options.fullResync ? ' (full resync)' : ''}`, details: { runId: run.id, apiKeyId: caller.keyId },
    });
    const view = runView(run);
    return Response.json({ runId: run.id, status: view.status, statusLabel: view.statusLabel }, {
      status: 202, headers: { location: `/api/v1/runs/${run.id}`, 'cache-control': 'no-store' },
    });
  } catch (error) {
    return errorResponse(error, 'starting a run through the API failed');
  }
}

/**
 * `GET /api/v1/runs/{id}`: a run of the key's workspace: status (lowercase, plus the label the app shows),
 * message, counts, progress (rows processed of rows to process) and timestamps.
 */
export async function handleGetRun(db: Database, request: Request, runId: string, now: Date = new Date(), options: RunsRequestOptions = {}): Promise<Response> {
  try {
    const caller = await authenticateAndLimit(db, request, options);
    const row = UUID.test(runId) ? await getRun(db, caller.workspaceId, runId) : null;
    if (!row) throw notFound('That run');
    const { steps: _steps, ...view } = runView(row, now);
    return Response.json(view, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, 'reading a run through the API failed');
  }
}
