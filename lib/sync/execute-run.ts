import type { Database } from '@/db/client';
import { claimedRunKeys, hasSyncState, pruneSettledRunRows } from '@/db/queries/sync-rows';
import { claimRun, finishRun, fixRunSnapshot, getIntegrationOfRun, setRunBasis, type IntegrationRunRow } from '@/db/queries/sync-runs';
import { getSalesforceAccount } from '@/db/queries/salesforce-accounts';
import type { IntegrationSnapshot } from '@/db/schema';
import { formatUtc } from '@/lib/format';
import { getReportDefinition } from '@/lib/insights/catalog';
import { countReportRows } from '@/lib/insights/report-rows';
import type { SalesforceClient } from '@/lib/salesforce/client';
import type { SafeFetchOptions } from '@/lib/connectors/safe-fetch';
import { isConnectorDestination, pushToConnector, type ConnectorRetryPolicy } from './connector-push';
import { classifyRunError, type RunFailure } from './failures';
import { findReadBase, MAX_REREAD_USERS, runBasis, usersToReread } from './incremental';
import { planRun } from './plan';
import { BULK_JOB_RECORDS, BULK_THRESHOLD } from './push-batch';
import { KeySet } from './key-set';
import { RunRecorder } from './run-recorder';
import { RunStop } from './run-stop';
import { runChunks } from './sync-chunks';
import { keyNoun } from './wording';

/** The little a run logs with: pino's shape. */
export interface SyncLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** The engine's collaborators, passed in so tests drive it against PGlite and the emulator. */
export interface SyncDeps {
  db: Database;
  clock: () => Date;
  salesforceFor: (workspaceId: string, accountId: string) => Promise<SalesforceClient>;
  log: SyncLog;
  /** Attempts after which an unexpected error fails the run instead of leaving it for a retry (default 3). */
  maxAttempts?: number;
  /** Outbound options of connector runs (tests allow the emulators' origins). */
  outbound?: SafeFetchOptions;
  /** Retry timing of connector calls; tests shrink it. */
  connectorRetry?: ConnectorRetryPolicy;
  /** Sizes and policies, for benchmarks and tests; defaults suit production. */
  tuning?: Partial<SyncTuning>;
}

/** Batch sizes and thresholds of a run. */
export interface SyncTuning {
  /** Report rows per query. */
  readBatchSize: number;
  /** Records from which a chunk is written as a Bulk job rather than through Collections. */
  bulkThreshold: number;
  /** Rows per chunk (at most records per Bulk job, but for rows matching several records). */
  bulkJobRecords: number;
  /** Rows to send from which an attempt looks keys up with one Bulk query instead of SOQL `IN`. */
  bulkLookupRows: number;
  /** Chunks sent at once: Bulk jobs (or Collections calls) in flight together. */
  sendsInFlight: number;
  heartbeatMs: number;
}

/**
 * Up to 20,000 keys are looked up with SOQL `IN` (about 40 queries at 500 e-mails each) rather than reading
 * every record of the object in one Bulk query: a run where 1% of a million rows changed reads 10,000 records
 * instead of a million.
 */
const BULK_LOOKUP_ROWS = 20_000;

/**
 * Three chunks in flight: while Salesforce processes one Bulk job, the next is uploaded and the one before's
 * results are read, so a run waits on Salesforce's processing rather than on each job's round trips and
 * polls (at 300,000 rows: 22.9 s with one, 17.2 s with two, 14.5 s with three). Each one more holds another
 * chunk in memory and competes for the same parent records' locks.
 */
const SENDS_IN_FLIGHT = 3;

const DEFAULT_TUNING: SyncTuning = { readBatchSize: 5_000, bulkThreshold: BULK_THRESHOLD, bulkJobRecords: BULK_JOB_RECORDS, bulkLookupRows: BULK_LOOKUP_ROWS, sendsInFlight: SENDS_IN_FLIGHT, heartbeatMs: 10_000 };

/** How executeRun left the run. `skipped`: it was already finished (or not in the workspace). */
export type RunResult = { status: 'completed' | 'failed' | 'skipped'; runId: string };

async function snapshotOf(deps: SyncDeps, run: IntegrationRunRow): Promise<IntegrationSnapshot> {
  if (run.config) return run.config;
  const integration = await getIntegrationOfRun(deps.db, { workspaceId: run.workspaceId, integrationId: run.integrationId });
  if (!integration) throw new RunStop('INTEGRATION_NOT_FOUND', 'The integration was deleted before the run started.');
  return {
    version: integration.version, accountId: integration.accountId, reportId: integration.reportId, objectName: integration.objectName,
    keys: integration.keys, mappings: integration.mappings,
    destinationKind: integration.destinationKind, actionId: integration.actionId, filters: integration.filters, sendUnchanged: integration.sendUnchanged,
  };
}

/**
 * jsforce rewraps a refused session renewal as a plain Error ("Unable to refresh session due to: …"), losing
 * its type; the account's status, set in the same renewal, is the reliable sign.
 */
async function refineFailure(db: Database, workspaceId: string, accountId: string | null, failure: RunFailure): Promise<RunFailure> {
  if (!failure.retry || !accountId) return failure;
  const account = await getSalesforceAccount(db, workspaceId, accountId).catch(() => null);
  if (account?.status !== 'needs_reconnect') return failure;
  return { code: 'RECONNECT_NEEDED', message: account.statusMessage ?? `The Salesforce account ${account.username} needs to be reconnected on the Accounts page.`, retry: false };
}

const n = (v: number) => v.toLocaleString('en-US');

/**
 * How this attempt reads the report (see lib/sync/incremental.ts). Decided once, before the run's first
 * row, and saved in the checkpoint: with a base run, the rows that cannot have changed are counted unchanged
 * (and done, for the progress bar) at once and only the rest is read; a resumed attempt reads the rest of the
 * same list. A full resync, or a run with no base, reads every row.
 */
async function decideRead(deps: SyncDeps, run: IntegrationRunRow, recorder: RunRecorder, mappingFingerprint: string): Promise<{ only?: string[]; compare: boolean }> {
  const { db } = deps;
  const asOf = run.asOf!;
  const scope = { workspaceId: run.workspaceId, integrationId: run.integrationId };
  const compare = !run.fullResync;
  const decided = recorder.checkpoint.read;
  if (decided === 'all') return { compare };
  // The integration had no sync state when the run began: no row can be unchanged (what this run accepted
  // is for keys it claimed, so a later row with one of them is a duplicate), so none is looked up.
  if (decided === 'first') return { compare: false };
  if (decided) {
    return { only: (await usersToReread(db, { ...scope, base: decided, asOf, after: recorder.checkpoint.afterUserId }))!, compare };
  }
  // Not decided: nothing of the run is recorded yet, unless an earlier version began it (it read every row).
  if (recorder.checkpoint.afterUserId !== null || recorder.counts.read > 0) return { compare };
  const config = run.config!;
  const basis = await runBasis(db, run.workspaceId, config.reportId, mappingFingerprint);
  await setRunBasis(db, run.id, basis);
  const found = run.fullResync ? null : await findReadBase(db, { integrationId: run.integrationId, runId: run.id, basis });
  // A base as of a later time than this run (another worker's clock ahead of this one's) holds events this
  // run must leave out: only a full read gives this run's rows.
  const base = found && found.asOf.getTime() < asOf.getTime() ? found : null;
  const candidate = base && { runId: base.id, asOf: base.asOf.toISOString(), watermark: base.watermark, carried: 0 };
  const only = candidate && await usersToReread(db, { ...scope, base: candidate, asOf, after: null, limit: MAX_REREAD_USERS });
  if (!candidate || !only) {
    const first = compare && !(await hasSyncState(db, run.integrationId));
    recorder.checkpoint = { ...recorder.checkpoint, read: first ? 'first' : 'all' };
    return { compare: compare && !first };
  }
  const total = await countReportRows(db, run.workspaceId, config.reportId, { asOf });
  const reread = only.length === 0 ? 0 : await countReportRows(db, run.workspaceId, config.reportId, { asOf, only });
  const carried = Math.max(0, total - reread);
  recorder.counts.read += carried;
  recorder.counts.unchanged += carried;
  recorder.rowsProcessed += carried;
  recorder.rowsToProcess = total;
  recorder.checkpoint = { ...recorder.checkpoint, read: { ...candidate, carried } };
  await recorder.save();
  return { only, compare };
}

/** Where a run stood, in words, for the log of a resumed attempt. */
const PHASE_WORDS: Record<RunRecorder['checkpoint']['phase'], string> = { read: 'while reading the report', resolve: 'while looking up keys', write: 'while writing to Salesforce' };

function summary(recorder: RunRecorder): string {
  const c = recorder.counts;
  const parts = [`${n(c.read)} rows read`, `${n(c.updated)} records updated`, `${n(c.unchanged)} unchanged`, `${n(c.noMatch)} no match`];
  if (c.multipleMatches > 0) parts.push(`${n(c.multipleMatches)} multiple matches`);
  parts.push(`${n(c.rejected)} rejected`);
  return `${parts.join(', ')}.`;
}

/**
 * Executes one run of an integration, from queued (or from where a crashed attempt left it) to Completed or
 * Failed: claim, take the integration as of its version, check the mapping against the object's describe,
 * then read the report chunk by chunk, resolving each chunk's keys and writing it (see runChunks), finish.
 * Every chunk commits its outcomes with the checkpoint, so calling this again on a running run resumes it. Unexpected errors leave the run running for
 * the job's retry until `maxAttempts`, then fail it; stops the user must act on fail it at once.
 */
export async function executeRun(deps: SyncDeps, params: { workspaceId: string; runId: string }): Promise<RunResult> {
  const { db, clock } = deps;
  const tuning = { ...DEFAULT_TUNING, ...deps.tuning };
  const claimed = await claimRun(db, { ...params, now: clock() });
  if (!claimed) return { status: 'skipped', runId: params.runId };
  const log = { runId: claimed.id, integrationId: claimed.integrationId, attempt: claimed.attempt };
  let recorder = new RunRecorder(db, claimed, clock);
  let accountId: string | null = null;
  const beat = setInterval(() => { recorder.heartbeat().catch(() => undefined); }, tuning.heartbeatMs);
  beat.unref();
  try {
    const snapshot = await snapshotOf(deps, claimed);
    const run = await fixRunSnapshot(db, { runId: claimed.id, config: snapshot, asOf: claimed.asOf ?? clock() });
    recorder = new RunRecorder(db, run, clock);
    const asOf = run.asOf!;
    const connector = isConnectorDestination(snapshot);
    if (run.attempt > 1) {
      const where = connector ? `, ${PHASE_WORDS[recorder.checkpoint.phase]}` : '';
      await recorder.note('Resume', `Attempt ${run.attempt} picks up where the last one stopped${where}: ${n(recorder.rowsProcessed)}${recorder.rowsToProcess === null ? '' : ` of ${n(recorder.rowsToProcess)}`} rows done.`);
    }
    if (connector) {
      const message = await pushToConnector({
        db, recorder, snapshot, workspaceId: run.workspaceId, integrationId: run.integrationId, asOf, fullResync: run.fullResync,
        batchSize: tuning.readBatchSize, clock, outbound: deps.outbound, retry: deps.connectorRetry,
      });
      await recorder.note('Finish', message);
      await finishRun(db, run.id, { ...recorder.patch(), status: 'completed', message, errorCode: null, finishedAt: clock() });
      deps.log.info({ ...log, ...recorder.counts, apiCalls: recorder.apiCalls() }, 'connector run completed');
      return { status: 'completed', runId: run.id };
    }
    // A run begun by an earlier version staged its rows in a table this version no longer has.
    if (recorder.checkpoint.seq !== undefined || recorder.checkpoint.staged !== undefined || recorder.checkpoint.phase !== 'read') {
      throw new RunStop('RUN_INTERRUPTED', 'This run was interrupted by an upgrade of Data Integration Center. What it recorded is kept; press Run Now to send the rest.');
    }
    if (!snapshot.accountId) throw new RunStop('ACCOUNT_MISSING', 'The integration has no Salesforce account (it was disconnected). Edit the integration and choose a connected account.');
    if (!snapshot.objectName) throw new RunStop('MAPPING_INVALID', 'The integration has no Salesforce object. Edit the integration and choose one.');
    accountId = snapshot.accountId;
    const client = await deps.salesforceFor(run.workspaceId, snapshot.accountId);
    recorder.useClient(client);

    const plan = await recorder.step('Check mapping', async () => {
      const report = await getReportDefinition(db, run.workspaceId, snapshot.reportId);
      const value = planRun(snapshot, report, await client.describe(snapshot.objectName!));
      return { value, message: `${value.keys.length} key and ${value.mappings.length} mapped field${value.mappings.length === 1 ? '' : 's'} checked against ${value.objectName}'s current fields.` };
    });

    const keysNoun = keyNoun(plan);
    if (recorder.rowsToProcess === null) await pruneSettledRunRows(db, { workspaceId: run.workspaceId, integrationId: run.integrationId, keepRunId: run.id });
    const read = await decideRead(deps, run, recorder, plan.fingerprint);
    // The report's row count (for the progress bar) is computed while the first chunks are read, and saved
    // with the first chunk recorded after it (an incremental read counted it already).
    let counting: Promise<void> = Promise.resolve();
    if (recorder.rowsToProcess === null) {
      counting = countReportRows(db, run.workspaceId, snapshot.reportId, { asOf }).then((count) => { recorder.rowsToProcess = count; });
      counting.catch(() => undefined);
    }
    const claimedKeys = new KeySet();
    if (run.attempt > 1) for await (const keys of claimedRunKeys(db, { runId: run.id, integrationId: run.integrationId })) for (const k of keys) claimedKeys.add(k);
    const done = await runChunks({
      db, recorder, plan, client, workspaceId: run.workspaceId, integrationId: run.integrationId, clock,
      reportId: snapshot.reportId, asOf, compare: read.compare, only: read.only, claimed: claimedKeys,
      scanRows: tuning.readBatchSize, chunkRows: tuning.bulkJobRecords, bulkThreshold: tuning.bulkThreshold, bulkLookupRows: tuning.bulkLookupRows,
      sendsInFlight: Math.max(1, tuning.sendsInFlight),
    });
    await counting;
    // The steps overlap (keys are looked up and chunks written while the report is read); they are logged in
    // this order, each with the times it ran, once all are over.
    const c = recorder.counts;
    const toSend = recorder.checkpoint.toSend ?? 0;
    const base = recorder.checkpoint.read;
    const carried = typeof base === 'object'
      ? ` (${n(base.carried)} of them not read again: nothing they are computed from has changed since the run as of ${formatUtc(new Date(base.asOf))} UTC)` : '';
    await recorder.note('Read report', `Read ${n(c.read)} report rows as of ${formatUtc(asOf)} UTC: ${n(c.unchanged)} unchanged since the last run${carried}${run.fullResync ? ' (full resync: every row sent again)' : ''}, ${n(recorder.checkpoint.rejectedOnRead ?? 0)} rejected, ${n(toSend)} to send.`,
      done.read.startedAt, done.read.finishedAt);
    const converted = plan.excludeConverted ? ' (converted Leads left out)' : '';
    if (done.bulk) {
      await recorder.note('Resolve keys', `Read the ${keysNoun.field} of ${n(done.bulk.recordsScanned)} ${plan.objectName} records in Salesforce in one bulk query${converted}, to match the report's ${keysNoun.plural}.`, done.bulk.startedAt, done.bulk.finishedAt);
    }
    if (done.query) {
      const { keys, recordsScanned } = done.query;
      await recorder.note('Resolve keys', `Looked up ${n(keys)} ${keys === 1 ? keysNoun.singular : keysNoun.plural} in Salesforce: ${n(recordsScanned)} matching ${plan.objectName} record${recordsScanned === 1 ? '' : 's'} found${converted}.`, done.query.startedAt, done.query.finishedAt);
    }
    if (!done.bulk && !done.query) await recorder.note('Resolve keys', 'Nothing to look up: no row needs sending.');
    if (c.matched + c.noMatch === 0) await recorder.note('Write', 'Nothing to write: no row needs sending.');
    else {
      const how = done.jobs > 0 ? ` in ${n(done.jobs)} bulk job${done.jobs === 1 ? '' : 's'}` : '';
      const several = c.multipleMatches > 0 ? ` (${n(c.multipleMatches)} of them matching more than one record, all updated)` : '';
      await recorder.note('Write', `Updated ${n(c.updated)} ${plan.objectName} record${c.updated === 1 ? '' : 's'}${how}: ${n(c.matched)} ${keysNoun.plural} matched${several}, ${n(c.noMatch)} with no matching record.`,
        done.write?.startedAt, done.write?.finishedAt);
    }
    const message = recorder.counts.rejected > 0 ? `Completed with ${n(recorder.counts.rejected)} rejected rows: ${summary(recorder)}` : `Completed: ${summary(recorder)}`;
    const usage = client.apiUsage();
    const org = usage ? ` The org has used ${n(usage.used)} of its ${n(usage.max)} API calls in the last 24 hours.` : '';
    await recorder.note('Finish', `${message} ${n(recorder.apiCalls())} API calls.${org}`);
    await finishRun(db, run.id, { ...recorder.patch(), status: 'completed', message, errorCode: null, finishedAt: clock() });
    deps.log.info({ ...log, ...recorder.counts, apiCalls: recorder.apiCalls() }, 'sync run completed');
    return { status: 'completed', runId: run.id };
  } catch (error) {
    const failure = await refineFailure(db, claimed.workspaceId, accountId, classifyRunError(error));
    if (failure.retry && claimed.attempt < (deps.maxAttempts ?? 3)) {
      deps.log.warn({ ...log, err: error }, 'sync run attempt failed; left running for a retry');
      await recorder.heartbeat().catch(() => undefined);
      throw error;
    }
    if (failure.retry) deps.log.error({ ...log, err: error }, 'sync run failed after its last attempt');
    else deps.log.warn({ ...log, code: failure.code }, 'sync run stopped');
    await recorder.note('Failed', failure.message).catch(() => undefined);
    await finishRun(db, claimed.id, { ...recorder.patch(), status: 'failed', message: failure.message, errorCode: failure.code, finishedAt: clock() });
    return { status: 'failed', runId: claimed.id };
  } finally {
    clearInterval(beat);
  }
}
