/**
 * Bulk API 2.0 jobs as data: ingest jobs keep their upload and per-row outcome (so result files can be
 * produced on request), query jobs keep their selected rows. JobInfo renders the API's view of a job.
 */
import type { FieldDef } from '../model/fields';
import type { OrgKey } from '../model/org';
import type { SObjectStore } from '../model/sobject';
import type { SfRecord } from '../model/values';

/** Bulk API 2.0 ingest operations. */
export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';
/** Bulk API 2.0 job states. */
export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

/** Row outcome codes in IngestJob.status. */
export const ROW = { unprocessed: 0, created: 1, updated: 2, failed: 3 } as const;

interface JobBase {
  id: string;
  orgKey: OrgKey;
  object: string;
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: JobState;
  apiVersion: number;
  lineEnding: 'LF' | 'CRLF';
  columnDelimiter: string;
  errorMessage: string | null;
  numberRecordsProcessed: number;
  startedAt: number;
  finishedAt: number;
}

/** An ingest job and what it did to each row. */
export interface IngestJob extends JobBase {
  kind: 'ingest';
  operation: IngestOperation;
  externalIdFieldName: string | null;
  uploads: Buffer[];
  numberRecordsFailed: number;
  headerRaw: string;
  raws: string[];
  ids: string[];
  status: number[];
  errors: Map<number, string>;
}

/** A query job and its result rows. */
export interface QueryJob extends JobBase {
  kind: 'query';
  operation: 'query' | 'queryAll';
  query: string;
  store: SObjectStore | null;
  fields: FieldDef[];
  rows: SfRecord[];
}

/** All Bulk jobs of the emulator. */
export class BulkJobs {
  readonly ingest = new Map<string, IngestJob>();
  readonly query = new Map<string, QueryJob>();
}

/** The JobInfo JSON of a job; `brief` is the shape of create/close answers (no counters). */
export function jobInfo(job: IngestJob | QueryJob, brief = false): Record<string, unknown> {
  const common: Record<string, unknown> = {
    id: job.id, operation: job.operation, object: job.object, createdById: job.createdById, createdDate: job.createdDate,
    systemModstamp: job.systemModstamp, state: job.state,
  };
  if (job.kind === 'ingest' && job.externalIdFieldName) common.externalIdFieldName = job.externalIdFieldName;
  Object.assign(common, {
    concurrencyMode: 'Parallel', contentType: 'CSV', apiVersion: job.apiVersion,
    ...(job.kind === 'ingest' ? { contentUrl: `services/data/v${job.apiVersion.toFixed(1)}/jobs/ingest/${job.id}/batches` } : {}),
    lineEnding: job.lineEnding, columnDelimiter: job.columnDelimiter,
  });
  if (brief) return common;
  const elapsed = job.finishedAt && job.startedAt ? job.finishedAt - job.startedAt : 0;
  return {
    ...common,
    jobType: job.kind === 'ingest' ? 'V2Ingest' : 'V2Query',
    numberRecordsProcessed: job.numberRecordsProcessed,
    ...(job.kind === 'ingest' ? { numberRecordsFailed: job.numberRecordsFailed } : {}),
    retries: 0,
    totalProcessingTime: elapsed,
    ...(job.kind === 'ingest' ? { apiActiveProcessingTime: elapsed, apexProcessingTime: 0 } : {}),
    ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
  };
}
