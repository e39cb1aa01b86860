import type { WriteResult } from '@/lib/salesforce/client';
import type { KeySet } from './key-set';
import { COLLECTION_SIZE } from './push-batch';
import { readAhead } from './read-ahead';
import { readChunks } from './read-chunks';
import { lookUpAllRecords, lookUpKeys, type KeyLookup } from './resolve-keys';
import { recordChunk, sendChunk, type WriteContext } from './write-rows';

/** What the chunked read and write needs beyond the write context. */
export interface ChunkRunOptions extends WriteContext {
  reportId: string;
  asOf: Date;
  /** Compare rows with the sync state (see ChunkReadOptions). */
  compare: boolean;
  /** Only these User IDs (an incremental read). */
  only?: readonly string[];
  claimed: KeySet;
  scanRows: number;
  chunkRows: number;
  /** From this many rows to send in an attempt, keys are resolved by one Bulk query of the object instead of SOQL `IN`. */
  bulkLookupRows: number;
  /** Chunks sent at once (Bulk jobs or Collections calls in flight); at least 1. */
  sendsInFlight: number;
}

/** When a step ran: from its first start to its last end (null: it never ran). */
export interface StepTimes {
  startedAt: Date;
  finishedAt: Date;
}

/** What a chunked run did, for its steps in the run log. */
export interface ChunkRunSummary {
  read: StepTimes;
  /** The Bulk lookup of the object's records, if the attempt made one. */
  bulk: (StepTimes & { recordsScanned: number }) | null;
  /** The SOQL `IN` lookups, if any: keys looked up and records found. */
  query: (StepTimes & { keys: number; recordsScanned: number }) | null;
  write: StepTimes | null;
  /** Bulk jobs the attempt ran. */
  jobs: number;
}

const span = (times: StepTimes | null, startedAt: Date, finishedAt: Date): StepTimes => ({ startedAt: times?.startedAt ?? startedAt, finishedAt });

/**
 * Reads the report chunk by chunk and writes each chunk as soon as its keys are resolved: the next chunk is
 * read while one is sent, and a sent chunk is recorded while the next one is sent. Keys: an attempt that
 * finds `bulkLookupRows` rows to send starts one Bulk query of the object's key fields at once (it runs while
 * the report is still read), and every chunk after it is over is matched against it; until then a chunk's
 * keys are looked up with SOQL `IN`. Up to `sendsInFlight` chunks are sent at once; they are recorded strictly in
 * order, so the checkpoint only moves forward.
 */
export async function runChunks(options: ChunkRunOptions): Promise<ChunkRunSummary> {
  const { clock, recorder, client, plan } = options;
  const readStarted = clock();
  let readEnded: Date | null = null;
  const summary: ChunkRunSummary = { read: { startedAt: readStarted, finishedAt: readStarted }, bulk: null, query: null, write: null, jobs: 0 };
  let bulk: Promise<KeyLookup> | null = null;
  /** The Bulk lookup once it is over: its records, or why it failed. */
  let bulkDone: { found: KeyLookup } | { error: unknown } | null = null;
  const startBulk = () => {
    if (bulk) return;
    const startedAt = clock();
    bulk = lookUpAllRecords(client, plan, () => recorder.heartbeat()).then((found) => {
      summary.bulk = { startedAt, finishedAt: clock(), recordsScanned: found.recordsScanned };
      bulkDone = { found };
      return found;
    }, (error: unknown) => {
      bulkDone = { error };
      throw error;
    });
    bulk.catch(() => undefined);
  };
  const chunks = readChunks({
    db: options.db, plan, workspaceId: options.workspaceId, integrationId: options.integrationId, reportId: options.reportId,
    asOf: options.asOf, compare: options.compare, after: recorder.checkpoint.afterUserId, only: options.only, claimed: options.claimed,
    batchSize: options.scanRows, chunkRows: options.chunkRows, smallChunks: { below: options.bulkThreshold, rows: COLLECTION_SIZE },
    onRows: (toSend) => { if (toSend >= options.bulkLookupRows) startBulk(); },
  });
  // While the Bulk lookup runs (any key may be on its last page), chunks go on with SOQL `IN` lookups rather
  // than wait for it; once it is over, every chunk is matched against it.
  const lookupFor = async (keys: string[]): Promise<KeyLookup> => {
    if (bulkDone && 'found' in bulkDone) return bulkDone.found;
    if (bulkDone) throw bulkDone.error;
    const startedAt = clock();
    const found = await lookUpKeys(client, plan, keys);
    const q = summary.query;
    summary.query = { ...span(q, startedAt, clock()), keys: (q?.keys ?? 0) + found.keys, recordsScanned: (q?.recordsScanned ?? 0) + found.recordsScanned };
    return found;
  };
  // Each chunk's send starts as soon as its keys are resolved, up to `sendsInFlight` at once (a Bulk job's
  // upload, processing and results overlap the next one's); chunks are recorded strictly in order, each
  // after the one before it, so the checkpoint only moves forward.
  let recorded: Promise<void> = Promise.resolve();
  const inFlight: Promise<void>[] = [];
  try {
    for await (const chunk of readAhead(chunks)) {
      if (chunk.last) readEnded = clock();
      const rows = chunk.rows;
      let sent: Promise<Map<string, WriteResult>> = Promise.resolve(new Map());
      if (rows.length > 0) {
        const lookup = await lookupFor(rows.map((r) => r.key));
        for (const r of rows) r.recordIds = lookup.recordIdsOf(r.key);
        const startedAt = clock();
        if (rows.reduce((sum, r) => sum + r.recordIds.length, 0) >= options.bulkThreshold) summary.jobs++;
        sent = sendChunk(options, rows).then((results) => {
          summary.write = span(summary.write, startedAt, clock());
          return results;
        });
      }
      // Settles only once its own send and every chunk before it have: a failure anywhere stops the recording
      // of this chunk and every later one, but leaves no send running behind the attempt.
      recorded = Promise.allSettled([sent, recorded]).then(([own, before]) => {
        if (before.status === 'rejected') throw before.reason;
        if (own.status === 'rejected') throw own.reason;
        return recordChunk(options, chunk, rows, own.value);
      }).then(() => {
        if (summary.write && rows.length > 0) summary.write = span(summary.write, summary.write.startedAt, clock());
      });
      recorded.catch(() => undefined);
      inFlight.push(recorded);
      // A failed send or record surfaces here, and no further chunk is sent.
      while (inFlight.length >= options.sendsInFlight) await inFlight.shift();
    }
    await recorded;
  } finally {
    // Whatever stops the loop, every send already started settles (and is recorded, unless one before it
    // failed), and a lookup still running settles, before the attempt ends.
    await recorded.catch(() => undefined);
    if (bulk) await (bulk as Promise<unknown>).catch(() => undefined);
  }
  summary.read = { startedAt: readStarted, finishedAt: readEnded ?? clock() };
  return summary;
}
