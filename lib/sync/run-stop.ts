/** Error codes a run can fail with, stored on the run (`integration_runs.error_code`). */
export type RunErrorCode =
  | 'MAPPING_INVALID' | 'INTEGRATION_NOT_FOUND' | 'ACCOUNT_MISSING' | 'RECONNECT_NEEDED' | 'REPORT_NOT_FOUND' | 'OBJECT_NOT_FOUND'
  | 'REQUEST_LIMIT_EXCEEDED' | 'SALESFORCE_ERROR' | 'INTERNAL' | (string & {});

/**
 * A reason to stop a run cleanly: the run ends "Failed" with this message (written for the user: what
 * happened and what to do) and code. Rows already written keep their outcomes; the rest go with the next run.
 */
export class RunStop extends Error {
  constructor(readonly code: RunErrorCode, message: string, readonly details?: Record<string, unknown>) {
    super(message);
    this.name = 'RunStop';
  }
}
