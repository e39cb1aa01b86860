import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { REDACT_PATHS } from './log';

describe('log redaction', () => {
  it('blanks secrets at any of the first three levels', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const log = pino({ redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);
    log.info({
      password: 'hunter2-password', account: { refreshToken: 'rt-secret', accessToken: 'at-secret' },
      request: { headers: { authorization: 'Bearer key-secret' } }, apiKey: 'dic_secret', username: 'kept@example.com',
    }, 'connect');
    const out = lines.join('');
    for (const secret of ['hunter2-password', 'rt-secret', 'at-secret', 'Bearer key-secret', 'dic_secret']) expect(out).not.toContain(secret);
    expect(out).toContain('kept@example.com');
    expect(out).toContain('[redacted]');
  });
});
