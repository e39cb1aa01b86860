/**
 * Processing of a closed ingest job: parses the upload, applies each row with the same DML rules as
 * REST (CSV values: empty = leave as is, `#N/A` = null), records per-row outcomes, and yields to the
 * event loop between slices so status polls keep being answered during a million-row job.
 */
import type { Emulator } from '../emulator';
import { deleteRecord, insertRecord, type SaveResult, updateRecord, upsertRecord, type WriteContext } from '../model/dml';
import type { FieldDef } from '../model/fields';
import type { SObjectStore } from '../model/sobject';
import { formatDatetime, ValueTypeError } from '../model/values';
import { afterSave } from '../tooling';
import { CsvReader, DELIMITERS } from './csv';
import { type IngestJob, ROW } from './jobs';

const SLICE_ROWS = 20_000;

function rowError(r: SaveResult): string {
  const e = r.errors[0];
  return `${e.statusCode}:${e.message}:${e.fields.join(',')} --`;
}

function finish(em: Emulator, job: IngestJob, state: 'JobComplete' | 'Failed', error?: string): void {
  job.state = state;
  job.finishedAt = em.now();
  job.systemModstamp = formatDatetime(job.finishedAt);
  if (error) job.errorMessage = error;
  em.onChange();
}

/** Starts processing a job that has just reached UploadComplete. */
export function scheduleIngest(em: Emulator, job: IngestJob): void {
  setTimeout(() => {
    if (job.state !== 'UploadComplete') return;
    job.state = 'InProgress';
    job.startedAt = em.now();
    try {
      runIngest(em, job);
    } catch (e) {
      finish(em, job, 'Failed', `InternalServerError : ${(e as Error).message}`);
    }
  }, em.settings.bulkStartDelayMs);
}

function runIngest(em: Emulator, job: IngestJob): void {
  const org = em.orgs[job.orgKey];
  const store = org.object(job.object);
  if (!store) return finish(em, job, 'Failed', `InvalidJob : Unable to find object: ${job.object}`);
  const text = Buffer.concat(job.uploads).toString('utf8');
  job.uploads = [];
  const reader = new CsvReader(text, DELIMITERS[job.columnDelimiter] ?? ',');
  const header = reader.next();
  if (!header) return finish(em, job, 'JobComplete');
  job.headerRaw = reader.raw;
  const columns = header.map((h) => h.trim());
  for (const c of columns) {
    if (!store.field(c)) return finish(em, job, 'Failed', `InvalidBatch : Field name not found : ${c}`);
  }
  const needsId = job.operation === 'update' || job.operation === 'delete' || job.operation === 'hardDelete';
  const keyName = needsId ? 'Id' : job.operation === 'upsert' ? job.externalIdFieldName! : null;
  const keyIndex = keyName ? columns.findIndex((c) => c.toLowerCase() === keyName.toLowerCase()) : -1;
  if (keyName && keyIndex === -1) return finish(em, job, 'Failed', `InvalidBatch : Field name not provided: ${keyName}`);
  const keyField = keyName ? store.field(keyName)! : null;
  const canonical = columns.map((c) => store.field(c)!.name);

  job.raws = [];
  job.ids = [];
  job.status = [];
  const wc: WriteContext = { org, userId: job.createdById, now: em.now(), fromText: true };
  const checkLocks = em.faults.hasRowFaults();

  // Rows are parsed slice by slice, never all at once, so the event loop is never blocked for long
  // (a long block lets keep-alive timers close sockets that already carry a client's next request).
  const slice = (): void => {
    if (job.state !== 'InProgress') return drainUnprocessed(job, reader);
    wc.now = em.now();
    for (let n = 0; n < SLICE_ROWS; n++) {
      const cells = reader.next();
      if (!cells) return finish(em, job, 'JobComplete');
      const i = job.raws.push(reader.raw) - 1;
      let r: SaveResult;
      if (checkLocks && em.faults.fires('lockRow', 'BULK', `/jobs/ingest/${job.object}`)) {
        r = { id: null, success: false, errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record or 1 records: 0', fields: [] }] };
      } else {
        r = applyRow(job, wc, store, canonical, cells, keyIndex, keyField);
      }
      if (r.success) {
        job.status.push(r.created ? ROW.created : ROW.updated);
        job.ids.push(r.id ?? '');
        if (store.name === 'FieldPermissions') afterSave(org, store, r.id!);
      } else {
        job.status.push(ROW.failed);
        job.ids.push(r.id ?? (keyName === 'Id' ? cells[keyIndex] ?? '' : ''));
        job.errors.set(i, rowError(r));
        job.numberRecordsFailed++;
      }
      job.numberRecordsProcessed++;
    }
    setImmediate(guarded);
  };
  // A later slice runs outside the request that started the job; an unexpected error fails the job, not the process.
  const guarded = (): void => {
    try { slice(); } catch (e) { finish(em, job, 'Failed', `InternalServerError : ${(e as Error).message}`); }
  };
  slice();
}

/** Aborts a job; rows not yet processed are reported by unprocessedrecords. */
export function abortIngest(job: IngestJob): void {
  const started = job.state === 'InProgress';
  job.state = 'Aborted';
  if (started || job.uploads.length === 0) return; // a running job drains its own reader
  const reader = new CsvReader(Buffer.concat(job.uploads).toString('utf8'), DELIMITERS[job.columnDelimiter] ?? ',');
  job.uploads = [];
  if (!reader.next()) return;
  job.headerRaw = reader.raw;
  drainUnprocessed(job, reader);
}

/** After an abort, the rows never read are the job's unprocessed records. */
function drainUnprocessed(job: IngestJob, reader: CsvReader): void {
  for (let cells = reader.next(); cells; cells = reader.next()) {
    job.raws.push(reader.raw);
    job.ids.push('');
    job.status.push(ROW.unprocessed);
  }
}

function applyRow(job: IngestJob, wc: WriteContext, store: SObjectStore, columns: string[], cells: string[],
  keyIndex: number, keyField: FieldDef | null): SaveResult {
  const input: Record<string, unknown> = {};
  for (let c = 0; c < columns.length; c++) {
    if (c === keyIndex && job.operation !== 'upsert') continue;
    const v = cells[c] ?? '';
    // An empty cell leaves the field as it is (insert: unset); only #N/A writes null.
    if (v === '') continue;
    input[columns[c]] = v === '#N/A' ? null : v;
  }
  try {
    switch (job.operation) {
      case 'insert': return insertRecord(wc, store, input);
      case 'update': return updateRecord(wc, store, cells[keyIndex] ?? '', input);
      case 'delete': case 'hardDelete': {
        const r = deleteRecord(wc, store, cells[keyIndex] ?? '');
        if (r.success && job.operation === 'hardDelete') store.remove(r.id!);
        return r;
      }
      case 'upsert': {
        const r = upsertRecord(wc, store, keyField!, cells[keyIndex] ?? '', input);
        if ('multiple' in r) {
          return { id: null, success: false, errors: [{ statusCode: 'DUPLICATE_EXTERNAL_ID', message: `${keyField!.name}: more than one record found for external id field: [${r.multiple.join(', ')}]`, fields: [keyField!.name] }] };
        }
        return r;
      }
    }
  } catch (e) {
    if (e instanceof ValueTypeError) {
      return { id: null, success: false, errors: [{ statusCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD', message: `${e.field}: value not of required type: ${e.raw}`, fields: [e.field] }] };
    }
    throw e;
  }
}
