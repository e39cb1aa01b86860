/**
 * Dispatch of everything under `/services/data/vNN.0`: resources, sobjects, query/queryAll with
 * paging, Collections, limits, Tooling and Bulk API 2.0.
 */
import { handleBulk } from '../bulk/routes';
import { sendJson, SfHttpError } from '../http/respond';
import { nextPage, firstPage } from '../soql/cursor';
import { executeQuery } from '../soql/execute';
import { parseSoql, SoqlError } from '../soql/parse';
import { createCustomField, toolingQuery } from '../tooling';
import { collections, retrieveCollection, upsertCollection } from './collections';
import type { RestContext } from './context';
import { describeGlobal, describeObject, objectSummary } from './describe';
import { createOne, recordById, recordByKey } from './sobjects';

function store(ctx: RestContext, name: string) {
  const s = ctx.org.object(name);
  if (!s) throw new SfHttpError(404, 'NOT_FOUND', 'The requested resource does not exist');
  return s;
}

function only(ctx: RestContext, ...methods: string[]): void {
  if (!methods.includes(ctx.method)) {
    throw new SfHttpError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${ctx.method}' not allowed. Allowed are ${methods.join(',')}`);
  }
}

function pageSize(ctx: RestContext): number {
  const header = String(ctx.req.headers['sforce-query-options'] ?? '');
  const m = /batchSize=(\d+)/i.exec(header);
  const size = m ? Number(m[1]) : ctx.em.settings.queryPageSize;
  return Math.max(200, Math.min(ctx.em.settings.queryPageSize, size));
}

function query(ctx: RestContext, scanAll: boolean, locator: string | null): void {
  only(ctx, 'GET');
  if (locator) {
    const page = nextPage(ctx.em, ctx.org.key, locator, ctx.version);
    if (!page) throw new SfHttpError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    return sendJson(ctx.res, 200, page);
  }
  const soql = ctx.url.searchParams.get('q');
  if (!soql) throw new SfHttpError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  try {
    const parsed = parseSoql(soql);
    const result = executeQuery(soql, parsed, ctx.org, ctx.user, scanAll, ctx.em.now());
    sendJson(ctx.res, 200, firstPage(ctx.em, ctx.org, result, pageSize(ctx), scanAll, ctx.version));
  } catch (e) {
    if (e instanceof SoqlError) throw new SfHttpError(400, e.code, e.message);
    throw e;
  }
}

function limits(ctx: RestContext): Record<string, unknown> {
  const api = ctx.org.api.snapshot(ctx.em.now());
  const fixed = (max: number, remaining = max) => ({ Max: max, Remaining: remaining });
  return {
    ConcurrentAsyncGetReportInstances: fixed(200), ConcurrentSyncReportRuns: fixed(20),
    DailyApiRequests: fixed(api.max, Math.max(0, api.max - api.used)),
    DailyAsyncApexExecutions: fixed(250000), DailyBulkApiBatches: fixed(15000), DailyBulkV2QueryFileStorageMB: fixed(976562),
    DailyBulkV2QueryJobs: fixed(10000), DataStorageMB: fixed(1024), FileStorageMB: fixed(1024),
    HourlyODataCallout: fixed(10000), HourlyTimeBasedWorkflow: fixed(1000), SingleEmail: fixed(5000),
  };
}

/** Handles a REST request whose context is established. */
export async function handleRest(ctx: RestContext): Promise<void> {
  const p = ctx.path;
  const seg = p.split('/').filter(Boolean);
  if (seg.length === 0) {
    only(ctx, 'GET');
    const v = `/services/data/v${ctx.version}`;
    return sendJson(ctx.res, 200, {
      tooling: `${v}/tooling`, metadata: `${v}/metadata`, jobs: `${v}/jobs`, query: `${v}/query`, queryAll: `${v}/queryAll`,
      sobjects: `${v}/sobjects`, limits: `${v}/limits`, composite: `${v}/composite`, search: `${v}/search`,
      identity: ctx.em.idUrl(ctx.org.key, ctx.user.id),
    });
  }
  const [head, a, b, c] = seg;
  switch (head) {
    case 'sobjects':
      if (!a) { only(ctx, 'GET'); return sendJson(ctx.res, 200, describeGlobal(ctx)); }
      if (seg.length === 2) {
        if (ctx.method === 'POST') return createOne(ctx, store(ctx, a));
        only(ctx, 'GET');
        return sendJson(ctx.res, 200, { objectDescribe: objectSummary(store(ctx, a), ctx.version), recentItems: [] });
      }
      if (seg.length === 3 && b === 'describe') { only(ctx, 'GET'); return sendJson(ctx.res, 200, describeObject(ctx, store(ctx, a))); }
      if (seg.length === 3) return recordById(ctx, store(ctx, a), b);
      if (seg.length === 4) return recordByKey(ctx, store(ctx, a), b, c);
      break;
    case 'query': case 'queryAll':
      if (seg.length <= 2) return query(ctx, head === 'queryAll', a ?? null);
      break;
    case 'limits':
      if (seg.length === 1) { only(ctx, 'GET'); return sendJson(ctx.res, 200, limits(ctx)); }
      break;
    case 'composite':
      if (a === 'sobjects') {
        if (seg.length === 2) return collections(ctx);
        if (seg.length === 3) { only(ctx, 'POST'); return retrieveCollection(ctx, store(ctx, b)); }
        if (seg.length === 4) { only(ctx, 'PATCH'); return upsertCollection(ctx, store(ctx, b), c); }
      }
      break;
    case 'tooling':
      if (a === 'sobjects' && b === 'CustomField' && seg.length === 3) { only(ctx, 'POST'); return createCustomField(ctx); }
      if (a === 'query' && seg.length === 2) { only(ctx, 'GET'); return toolingQuery(ctx); }
      break;
    case 'jobs':
      return handleBulk(ctx, seg.slice(1));
  }
  throw new SfHttpError(404, 'NOT_FOUND', 'The requested resource does not exist');
}
