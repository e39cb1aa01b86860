import pino, { type DestinationStream } from 'pino';
import { getConfig } from '@/lib/config';
import { safeError } from './log-errors';

const SECRET_KEYS = ['password', 'passwordHash', 'token', 'accessToken', 'refreshToken', 'access_token', 'refresh_token',
  'authorization', 'Authorization', 'secret', 'clientSecret', 'client_secret', 'apiKey', 'apiToken', 'cookie'];

/** Paths pino blanks out, at the top level and one or two levels down. */
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

/** Longest log line written, in characters; a longer one is replaced by a short line saying so. */
export const MAX_LOG_LINE = 16 * 1024;

/** Keeps a log line within MAX_LOG_LINE: an oversized line keeps its level, time, message and error code only. */
export function capLine(line: string): string {
  if (line.length <= MAX_LOG_LINE) return line;
  let entry: Record<string, unknown> = {};
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch { /* not JSON: keep nothing of it */ }
  const err = entry.err as { type?: unknown; code?: unknown; statement?: unknown } | undefined;
  const short = {
    level: entry.level, time: entry.time, app: entry.app, msg: String(entry.msg ?? '').slice(0, 200),
    ...(err ? { err: { type: err.type, code: err.code, statement: err.statement } } : {}),
    truncated: true, originalLength: line.length,
  };
  return `${JSON.stringify(short)}\n`;
}

/**
 * A logger with the app's settings: JSON lines, secrets redacted under known keys, errors reduced to their
 * type, code, statement name and stack (never a failed query's parameters or a request's payload), and
 * every line capped in size.
 */
export function createLogger(destination?: DestinationStream) {
  const options: pino.LoggerOptions = {
    level: safeLevel(),
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { app: 'dic' },
    serializers: { err: safeError, error: safeError },
    hooks: { streamWrite: capLine },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The application logger. */
export const logger = createLogger();

function safeLevel() {
  try {
    return getConfig().LOG_LEVEL;
  } catch {
    return 'info';
  }
}
