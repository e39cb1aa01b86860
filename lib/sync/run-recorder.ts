import type { Database } from '@/db/client';
import { appendRunStep, updateRunProgress, type IntegrationRunRow, type RunProgressPatch } from '@/db/queries/sync-runs';
import type { RunCounts } from '@/db/schema';
import type { SalesforceClient } from '@/lib/salesforce/client';
import type { ReadBase } from './incremental';

/** Where a run stands, saved with every chunk so a crashed run resumes from here. */
export interface RunCheckpoint {
  /** Connector runs: read (staging rows to send), then write. Salesforce runs stay at read: they read and write chunk by chunk. */
  phase: 'read' | 'resolve' | 'write';
  /** The last User ID whose rows are all recorded (the report is read again after it). */
  afterUserId: string | null;
  /** Salesforce runs: rows sent so far, and rows rejected before sending (every attempt). */
  toSend?: number;
  rejectedOnRead?: number;
  /**
   * Salesforce runs: how the report is read, decided before the first row: every row; every row with no
   * sync state to compare with ('first': the integration had none); or only what may have changed since a
   * base run (lib/sync/incremental.ts). Absent: not decided yet (or an earlier version's run: every row).
   */
  read?: 'all' | 'first' | ReadBase;
  /** Salesforce runs of earlier versions, which staged rows before writing them (see executeRun). */
  seq?: number;
  staged?: number;
  mode?: 'query' | 'bulk';
}

/**
 * The run's figures as the engine moves them (counts, progress, API calls, checkpoint, steps), persisted
 * with each batch in the same transaction as the rows it describes, so a resumed run continues from
 * numbers that agree with what was recorded.
 */
export class RunRecorder {
  readonly counts: RunCounts;
  rowsToProcess: number | null;
  rowsProcessed: number;
  checkpoint: RunCheckpoint;
  private readonly apiCallsBefore: number;
  private client: Pick<SalesforceClient, 'callCount'> | null = null;

  constructor(private readonly db: Database, readonly run: IntegrationRunRow, private readonly clock: () => Date) {
    this.counts = {
      read: run.readCount, unchanged: run.unchangedCount, matched: run.matchedCount, noMatch: run.noMatchCount,
      multipleMatches: run.multipleMatchesCount, updated: run.updatedCount, rejected: run.rejectedCount,
    };
    this.rowsToProcess = run.rowsToProcess;
    this.rowsProcessed = run.rowsProcessed;
    this.checkpoint = (run.checkpoint as RunCheckpoint | null) ?? { phase: 'read', afterUserId: null };
    // Earlier attempts' calls were saved on the run; this attempt's client counts from zero.
    this.apiCallsBefore = run.apiCalls;
  }

  /** Counts this client's calls into the run's API calls (a connector run passes its own call counter). */
  useClient(client: Pick<SalesforceClient, 'callCount'>): void {
    this.client = client;
  }

  /** API calls of every attempt so far. */
  apiCalls(): number {
    return this.apiCallsBefore + (this.client?.callCount() ?? 0);
  }

  /** The columns to save: counts, progress, API calls, checkpoint and a heartbeat. */
  patch(): RunProgressPatch {
    const c = this.counts;
    return {
      readCount: c.read, unchangedCount: c.unchanged, matchedCount: c.matched, noMatchCount: c.noMatch, multipleMatchesCount: c.multipleMatches,
      updatedCount: c.updated, rejectedCount: c.rejected, rowsToProcess: this.rowsToProcess, rowsProcessed: this.rowsProcessed,
      apiCalls: this.apiCalls(), checkpoint: { ...this.checkpoint }, heartbeatAt: this.clock(),
    };
  }

  /** Saves the figures (inside the caller's transaction when given one). */
  async save(tx: Database = this.db): Promise<void> {
    await updateRunProgress(tx, this.run.id, this.patch());
  }

  /** Marks the run alive without changing anything else. */
  async heartbeat(): Promise<void> {
    await updateRunProgress(this.db, this.run.id, { heartbeatAt: this.clock(), apiCalls: this.apiCalls() });
  }

  /** Appends a step to the run's log: begun at `startedAt` (if given) and ended at `finishedAt` (now, if not given). */
  async note(name: string, message: string, startedAt?: Date, finishedAt: Date = this.clock()): Promise<void> {
    const at = startedAt ?? finishedAt;
    await appendRunStep(this.db, this.run.id, { at: at.toISOString(), name, message, durationMs: startedAt ? finishedAt.getTime() - startedAt.getTime() : undefined });
  }

  /** Runs one named step and logs it with its start, duration and the message the work returns. */
  async step<T>(name: string, work: () => Promise<{ value: T; message: string }>): Promise<T> {
    const startedAt = this.clock();
    const { value, message } = await work();
    await this.note(name, message, startedAt);
    return value;
  }
}
