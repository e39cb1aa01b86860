/** What the log keeps of an error: enough to find the fault, nothing a user sent. */
export interface LoggedError {
  type: string;
  message: string;
  code?: string;
  /** For a failed database query: its kind and table, e.g. `insert users`. */
  statement?: string;
  stack?: string;
  cause?: LoggedError;
}

const MAX_MESSAGE = 300;
const MAX_FRAMES = 12;

/**
 * A short name for a SQL statement, from its text (which holds placeholders, never values): the verb and the
 * first table, like `select users` or `insert insights_events`.
 */
export function statementName(query: string): string {
  const text = query.replace(/\s+/g, ' ').trim();
  const verb = /^(with|select|insert|update|delete|create|alter|drop|lock|truncate|begin|commit|rollback|set)\b/i.exec(text)?.[1]?.toLowerCase() ?? 'sql';
  const table = /\b(?:from|into|update|table|join)\s+"?([A-Za-z_][\w.]*)"?/i.exec(text)?.[1];
  return table ? `${verb} ${table}` : verb;
}

/** Database messages quote offending values (`invalid input syntax for type uuid: "…"`); the quotes' contents go. */
function scrub(message: string): string {
  return message.replace(/"[^"]*"/g, '"…"').replace(/'[^']*'/g, "'…'").slice(0, MAX_MESSAGE);
}

function frames(stack: unknown): string | undefined {
  if (typeof stack !== 'string') return undefined;
  // The first line repeats the message, which for a failed query lists its parameters.
  const lines = stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, MAX_FRAMES);
  return lines.length > 0 ? lines.join('\n') : undefined;
}

/**
 * The error serializer of the app's logger. A failed query (drizzle's DrizzleQueryError carries `query` and
 * `params`) is logged as its statement's name and the database's error code; its parameters, which may hold
 * password hashes or end users' emails, are dropped, as are a database error's detail and values.
 */
export function safeError(value: unknown, depth = 0): LoggedError | unknown {
  if (!(value instanceof Error) && !(value && typeof value === 'object' && 'message' in value)) return value;
  const error = value as Error & { code?: unknown; query?: unknown; params?: unknown; severity?: unknown; cause?: unknown };
  const isQuery = typeof error.query === 'string' && 'params' in error;
  const isDatabase = typeof error.severity === 'string' || (typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code));
  const logged: LoggedError = {
    type: error.constructor?.name ?? 'Error',
    message: isQuery ? 'Failed query' : isDatabase ? scrub(String(error.message)) : String(error.message).slice(0, MAX_MESSAGE),
  };
  if (typeof error.code === 'string' || typeof error.code === 'number') logged.code = String(error.code);
  if (isQuery) logged.statement = statementName(error.query as string);
  const stack = frames(error.stack);
  if (stack) logged.stack = stack;
  if (error.cause !== undefined && depth < 4) {
    const cause = safeError(error.cause, depth + 1);
    if (cause && typeof cause === 'object') {
      logged.cause = cause as LoggedError;
      logged.code ??= (cause as LoggedError).code;
    }
  }
  return logged;
}
