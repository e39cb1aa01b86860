/**
 * The connector push step: for integrations whose destination is a Qualtrics JSON event or an external
 * action, a run reads the report, keeps the rows that pass the row filter, skips rows whose values were
 * already accepted (unless the integration sends every run), and makes one call per row, rate-limited,
 * retrying 429 and 5xx with backoff. Same run record, log, progress, run rows and sync state as a
 * Salesforce run; only the write differs.
 */
import pRetry, { AbortError } from 'p-retry';
import type { Database } from '@/db/client';
import { advanceSyncState, findSyncHashes, nextPendingWrites, recordRunRows, stagePendingRows, type PendingWrite, type RunRowInput } from '@/db/queries/sync-rows';
import type { ColumnFieldPair, FieldValues, IntegrationSnapshot, RowFilter } from '@/db/schema';
import { waitForCallSlot } from '@/lib/connectors/call-pacing';
import { loadActionForSending } from '@/lib/connectors/connector-secrets';
import { matchesFilters } from '@/lib/connectors/row-filter';
import { payloadPlan, payloadProblems, rowPayloadValues, type PayloadPlan } from '@/lib/connectors/row-payload';
import { OutboundNetworkError, type SafeFetchOptions } from '@/lib/connectors/safe-fetch';
import { rowIdempotencyKey, sendAction, type ActionDefinition, type ActionOutcome, type ConnectorSecrets } from '@/lib/connectors/send-action';
import { TemplateError } from '@/lib/connectors/templating';
import { OutboundUrlError } from '@/lib/connectors/url-safety';
import { isAppError } from '@/lib/errors';
import { formatUtc } from '@/lib/format';
import { getReportDefinition } from '@/lib/insights/catalog';
import type { ReportDefinition, ReportRow } from '@/lib/insights/columns';
import { streamReportBatches } from '@/lib/insights/report-rows';
import type { RunRecorder } from './run-recorder';
import { RunStop } from './run-stop';

/** Retry timing of connector calls; tests shrink it. */
export interface ConnectorRetryPolicy {
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_CONNECTOR_RETRY: ConnectorRetryPolicy = {
  retries: 5, minDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 120_000, sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/** What the step needs from the run. */
export interface ConnectorPushContext {
  db: Database;
  recorder: RunRecorder;
  snapshot: IntegrationSnapshot;
  workspaceId: string;
  integrationId: string;
  asOf: Date;
  fullResync: boolean;
  batchSize: number;
  clock: () => Date;
  /** Outbound options (tests pass the emulator's origin as allowed). */
  outbound?: SafeFetchOptions;
  retry?: ConnectorRetryPolicy;
}

/** A connector destination (Qualtrics JSON event or external action), not Salesforce. */
export function isConnectorDestination(snapshot: IntegrationSnapshot): boolean {
  return snapshot.destinationKind === 'qualtrics' || snapshot.destinationKind === 'action';
}

const n = (v: number) => v.toLocaleString('en-US');
const rows = (count: number) => `${n(count)} ${count === 1 ? 'row' : 'rows'}`;
const SEND_BATCH = 50;

/** The connector step's part of the run's checkpoint. */
type ConnectorCheckpoint = RunRecorder['checkpoint'] & {
  filtered?: number;
  /** The key of the row whose call was started and whose outcome is not recorded yet (at most one: rows go one at a time). */
  inFlight?: string | null;
};

/** A 429 or 5xx answer, worth another attempt after its Retry-After. */
class RetryableAnswer extends Error {
  constructor(readonly outcome: ActionOutcome) {
    super(`answered ${outcome.status}`);
  }
}

async function sendWithRetry(send: () => Promise<ActionOutcome>, policy: ConnectorRetryPolicy): Promise<ActionOutcome> {
  try {
    return await pRetry(async () => {
      let outcome: ActionOutcome;
      try {
        outcome = await send();
      } catch (error) {
        if (error instanceof OutboundNetworkError) throw error;
        throw new AbortError(error as Error);
      }
      if (outcome.status === 429 || outcome.status >= 500) throw new RetryableAnswer(outcome);
      return outcome;
    }, {
      retries: policy.retries, minTimeout: policy.minDelayMs, maxTimeout: policy.maxDelayMs, factor: 2, randomize: true,
      onFailedAttempt: async ({ error, retriesLeft }) => {
        const wait = error instanceof RetryableAnswer ? error.outcome.retryAfterSeconds : null;
        if (retriesLeft > 0 && wait) await policy.sleep(Math.min(wait * 1000, policy.maxRetryAfterMs));
      },
    });
  } catch (error) {
    if (error instanceof RetryableAnswer) return error.outcome;
    throw error;
  }
}

function snippet(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/**
 * The plan of a connector destination for this report and action; a mapping or filter the report or the
 * action's tokens no longer fit stops it (MAPPING_INVALID), naming the column or token.
 */
export function planConnectorSend(report: ReportDefinition, action: { id: string; url: string; method: string; payloadTemplate: string }, mappings: ColumnFieldPair[], filters: RowFilter[]): PayloadPlan {
  const problems = payloadProblems(report, action.payloadTemplate, mappings, filters);
  if (problems.length) throw new RunStop('MAPPING_INVALID', problems.join(' '));
  return payloadPlan(action, mappings, filters);
}

/** A report row as a connector run stages it (values under their payload keys, and their hash), or null when the row filter leaves it out. */
export function connectorRow(row: ReportRow, userId: string, plan: PayloadPlan): { key: string; userId: string; values: FieldValues; valuesHash: string } | null {
  if (!matchesFilters(row, plan.filters)) return null;
  const { values, hash } = rowPayloadValues(row, plan);
  return { key: userId, userId, values, valuesHash: hash };
}

/** The call a run makes for each row: the action's, with the plan's template (built from the mappings for a `{ }` payload). */
export function sendDefinition(definition: ActionDefinition, plan: PayloadPlan): ActionDefinition {
  return { ...definition, payloadTemplate: plan.template };
}

/** Why a row whose payload cannot be built (too large, not JSON) is rejected. */
export function payloadRejection(error: TemplateError): { code: string; message: string; fix: string } {
  return { code: 'PAYLOAD_INVALID', message: error.message, fix: 'Map fewer or shorter columns, or fix the payload template.' };
}

/** Reads and stages the rows to send; returns how many passed the filter. */
async function stage(ctx: ConnectorPushContext, plan: ReturnType<typeof payloadPlan>, sendUnchanged: boolean): Promise<void> {
  const { recorder } = ctx;
  const checkpoint = recorder.checkpoint as ConnectorCheckpoint;
  const stream = streamReportBatches(ctx.db, ctx.workspaceId, ctx.snapshot.reportId, { asOf: ctx.asOf, batchSize: ctx.batchSize, after: checkpoint.afterUserId });
  for await (const batch of stream) {
    const candidates: Array<RunRowInput & { valuesHash: string }> = [];
    let filtered = 0;
    batch.rows.forEach((row, i) => {
      const candidate = connectorRow(row, batch.userIds[i], plan);
      if (!candidate) { filtered++; return; }
      candidates.push({ ...candidate, outcome: 'pending' });
    });
    const hashes = ctx.fullResync || sendUnchanged ? new Map<string, string>() : await findSyncHashes(ctx.db, ctx.integrationId, candidates.map((c) => c.key));
    const changed = candidates.filter((c) => hashes.get(c.key) !== c.valuesHash);
    const unchanged = candidates.length - changed.length;
    await ctx.db.transaction(async (tx) => {
      await stagePendingRows(tx as unknown as Database, recorder.run.id, ctx.workspaceId, changed, ctx.clock());
      recorder.counts.read += batch.rows.length;
      recorder.counts.unchanged += unchanged;
      recorder.rowsProcessed += unchanged + filtered;
      checkpoint.filtered = (checkpoint.filtered ?? 0) + filtered;
      checkpoint.afterUserId = batch.userIds[batch.userIds.length - 1];
      await recorder.save(tx as unknown as Database);
    });
  }
}

interface RowTarget {
  row: PendingWrite;
  secrets: ConnectorSecrets;
  definition: ActionDefinition;
  connectorId: string;
  callsPerMinute: number;
  what: string;
  kind: string;
}

/**
 * One row: marked in flight, sent (paced by the connector's shared limit, retried on 429/5xx), and its
 * outcome recorded with the sync state, counts and checkpoint in one transaction right after the answer,
 * so a crash can leave at most this one row unrecorded.
 */
async function sendOneRow(ctx: ConnectorPushContext, t: RowTarget, retry: ConnectorRetryPolicy, counter: { calls: number }): Promise<void> {
  const { db, recorder } = ctx;
  const { row } = t;
  const checkpoint = recorder.checkpoint as ConnectorCheckpoint;
  checkpoint.inFlight = row.key;
  await recorder.save();
  let outcome: ActionOutcome;
  let result: RunRowInput;
  let accepted: { key: string; hash: string; recordIds: string[] } | null = null;
  try {
    outcome = await sendWithRetry(async () => {
      await waitForCallSlot(db, t.connectorId, t.callsPerMinute, retry.sleep);
      counter.calls++;
      return sendAction(t.secrets, t.definition, row.values, { ...ctx.outbound, idempotencyKey: rowIdempotencyKey(recorder.run.id, row.key) });
    }, retry);
  } catch (error) {
    if (error instanceof OutboundUrlError) throw new RunStop('URL_REFUSED', `${error.message} Edit the action on the Connectors page.`);
    const reason = error instanceof TemplateError ? payloadRejection(error)
      : error instanceof OutboundNetworkError ? { code: 'NETWORK', message: `${error.message} The row goes again with the next run.`, fix: 'Check that the system is reachable.' }
        : null;
    if (!reason) throw error;
    await recordOutcome(ctx, { key: row.key, userId: row.userId, outcome: 'rejected', errorCode: reason.code, message: reason.message, fix: reason.fix }, null);
    return;
  }
  if (outcome.status === 401 || outcome.status === 403) {
    throw new RunStop('CONNECTOR_AUTH', `${t.what} refused the credentials (${outcome.status}): ${snippet(outcome.body) || 'no details'}. Check the ${t.kind === 'qualtrics' ? 'Qualtrics username and API token' : 'connector\'s credentials'} on the Connectors page.`);
  }
  if (outcome.ok) {
    const ids = [outcome.eventId ?? outcome.requestId].filter((v): v is string => Boolean(v));
    result = { key: row.key, userId: row.userId, outcome: 'updated', recordIds: ids };
    accepted = { key: row.key, hash: row.valuesHash, recordIds: ids };
  } else {
    const retried = outcome.status === 429 || outcome.status >= 500;
    result = {
      key: row.key, userId: row.userId, outcome: 'rejected', errorCode: `HTTP_${outcome.status}`,
      message: `${t.what} answered ${outcome.status}: ${snippet(outcome.body) || 'no details'}${retried ? ` (after ${retry.retries} retries; the row goes again with the next run)` : ''}`,
      fix: retried ? 'Try again later; the system was busy or failing.' : 'Check the payload and the action\'s URL.',
    };
  }
  await recordOutcome(ctx, result, accepted);
}

/** Commits one row's outcome, its sync state when accepted, the counts and the cleared in-flight mark together. */
async function recordOutcome(ctx: ConnectorPushContext, result: RunRowInput, accepted: { key: string; hash: string; recordIds: string[] } | null): Promise<void> {
  const { db, recorder } = ctx;
  const now = ctx.clock();
  await db.transaction(async (tx) => {
    await recordRunRows(tx as unknown as Database, recorder.run.id, ctx.workspaceId, [result], now);
    if (accepted) await advanceSyncState(tx as unknown as Database, { integrationId: ctx.integrationId, workspaceId: ctx.workspaceId, runId: recorder.run.id, now }, [accepted]);
    if (accepted) recorder.counts.updated += 1;
    else recorder.counts.rejected += 1;
    recorder.rowsProcessed += 1;
    (recorder.checkpoint as ConnectorCheckpoint).inFlight = null;
    await recorder.save(tx as unknown as Database);
  });
}

/**
 * Runs the connector destination's steps: check, read, send. Returns the run's finishing message.
 * Credentials refused (401/403) or a URL DIC may not call stop the run; other refusals reject the row.
 */
export async function pushToConnector(ctx: ConnectorPushContext): Promise<string> {
  const { db, recorder, snapshot } = ctx;
  const retry = ctx.retry ?? DEFAULT_CONNECTOR_RETRY;
  if (!snapshot.actionId) throw new RunStop('ACTION_MISSING', 'The integration has no JSON event or action to send to (it was deleted). Edit the integration and choose one.');
  const target = await recorder.step('Check action', async () => {
    const loaded = await loadActionForSending(db, ctx.workspaceId, snapshot.actionId!).catch((error: unknown) => {
      if (isAppError(error, 'NOT_FOUND')) throw new RunStop('ACTION_MISSING', error.message);
      throw error;
    });
    const report = await getReportDefinition(db, ctx.workspaceId, snapshot.reportId);
    const plan = planConnectorSend(report, loaded.action, snapshot.mappings, snapshot.filters ?? []);
    const filters = plan.filters.length ? `, only rows where ${plan.filters.map((f) => `${f.column} ${f.operator} ${f.value ?? ''}`.trim()).join(' and ')}` : '';
    return { value: { ...loaded, plan }, message: `Sending to “${loaded.action.name}” through ${loaded.connector.name} (${loaded.action.method}, at most ${n(loaded.callsPerMinute)} calls a minute)${filters}.` };
  });
  const checkpoint = recorder.checkpoint as ConnectorCheckpoint;
  if (checkpoint.phase === 'read') {
    await recorder.step('Read report', async () => {
      await stage(ctx, target.plan, snapshot.sendUnchanged ?? false);
      recorder.checkpoint = { ...checkpoint, phase: 'write' };
      await recorder.save();
      const c = recorder.counts;
      const pending = c.read - c.unchanged - (checkpoint.filtered ?? 0);
      return { value: undefined, message: `Read ${n(c.read)} report rows as of ${formatUtc(ctx.asOf)} UTC: ${n(checkpoint.filtered ?? 0)} filtered out, ${n(c.unchanged)} unchanged since the last run${ctx.fullResync ? ' (full resync: every row sent again)' : ''}, ${n(pending)} to send.` };
    });
  }
  const definition = sendDefinition(target.definition, target.plan);
  const what = target.connector.kind === 'qualtrics' ? 'Qualtrics' : target.connector.name;
  const counter = { calls: 0 };
  recorder.useClient({ callCount: () => counter.calls });
  await recorder.step('Send', async () => {
    // A row marked in flight by an earlier attempt was perhaps received: it goes again with the same
    // Idempotency-Key, which a receiver that honours it answers like the first call without storing it twice.
    const wasInFlight = (recorder.checkpoint as ConnectorCheckpoint).inFlight ?? null;
    let resent = 0;
    for (;;) {
      const batch = await nextPendingWrites(db, recorder.run.id, null, SEND_BATCH);
      if (batch.length === 0) break;
      for (const row of batch) {
        if (row.key === wasInFlight) resent++;
        await sendOneRow(ctx, { row, secrets: target.secrets, definition, connectorId: target.connector.id, callsPerMinute: target.callsPerMinute, what, kind: target.connector.kind }, retry, counter);
      }
    }
    const again = resent ? `; ${rows(resent)} whose call was under way when the last attempt stopped went again with the same Idempotency-Key` : '';
    return { value: undefined, message: `${rows(recorder.counts.updated)} sent (one call each, ${n(counter.calls)} calls with retries), ${n(recorder.counts.rejected)} refused${again}.` };
  });
  const c = recorder.counts;
  const summary = `${n(c.read)} rows read, ${n(checkpoint.filtered ?? 0)} filtered out, ${n(c.unchanged)} unchanged, ${n(c.updated)} sent, ${n(c.rejected)} rejected.`;
  return c.rejected > 0 ? `Completed with ${n(c.rejected)} rejected rows: ${summary}` : `Completed: ${summary}`;
}
