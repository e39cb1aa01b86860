import pino from 'pino';
import { getConfig } from '@/lib/config';

const SECRET_KEYS = ['password', 'passwordHash', 'token', 'accessToken', 'refreshToken', 'access_token', 'refresh_token',
  'authorization', 'Authorization', 'secret', 'clientSecret', 'client_secret', 'apiKey', 'apiToken', 'cookie'];

/** Paths pino blanks out, at the top level and one or two levels down. */
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

/** The application logger: JSON lines, secrets redacted wherever they appear under a known key. */
export const logger = pino({
  level: safeLevel(),
  redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  base: { app: 'dic' },
});

function safeLevel() {
  try {
    return getConfig().LOG_LEVEL;
  } catch {
    return 'info';
  }
}
