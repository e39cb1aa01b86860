import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { addMember } from '@/db/queries/users';
import { createTestWorkspace } from '@/lib/auth/testing';
import { hashPassword } from '@/lib/secrets/password';
import { MAX_LOG_LINE, REDACT_PATHS, createLogger } from './log';
import { statementName } from './log-errors';

function sink() {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  return { stream, text: () => lines.join(''), lines };
}

describe('log redaction', () => {
  it('blanks secrets at any of the first three levels', () => {
    const out = sink();
    const log = pino({ redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, out.stream);
    log.info({
      password: 'hunter2-password', account: { refreshToken: 'rt-secret', accessToken: 'at-secret' },
      request: { headers: { authorization: 'Bearer key-secret' } }, apiKey: 'dic_secret', username: 'kept@example.com',
    }, 'connect');
    for (const secret of ['hunter2-password', 'rt-secret', 'at-secret', 'Bearer key-secret', 'dic_secret']) expect(out.text()).not.toContain(secret);
    expect(out.text()).toContain('kept@example.com');
    expect(out.text()).toContain('[redacted]');
  });
});

describe('logged errors', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => { handle = await createTestDatabase('pglite'); });
  afterAll(async () => { await handle.close(); });

  it("a failed query logs its statement's name and error code, not its parameters (a user's hash, a 300 KB email)", async () => {
    const admin = await createTestWorkspace(handle.db, 'Logs');
    const hash = await hashPassword('A-password-of-someone-1');
    const email = `${'x'.repeat(300_000)}@example.com`;
    const failure = await addMember(handle.db, { workspaceId: admin.user.workspaceId, email, name: 'Huge', passwordHash: hash, role: 'member' })
      .then(() => null, (error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    const out = sink();
    createLogger(out.stream).error({ err: failure }, 'action failed');
    const text = out.text();
    expect(text).not.toContain(hash.split('$').at(-1));
    expect(text).not.toContain('xxxxxxxxxx');
    expect(text.length).toBeLessThan(MAX_LOG_LINE);
    const entry = JSON.parse(text);
    expect(entry.err).toMatchObject({ type: 'DrizzleQueryError', message: 'Failed query', statement: 'insert users', code: expect.stringMatching(/^[0-9A-Z]{5}$/) });
  });

  it('caps a line: an oversized one keeps its level, message and error code', () => {
    const out = sink();
    createLogger(out.stream).warn({ payload: 'p'.repeat(100_000) }, 'something big');
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0].length).toBeLessThanOrEqual(MAX_LOG_LINE);
    expect(JSON.parse(out.lines[0])).toMatchObject({ level: 40, msg: 'something big', truncated: true, originalLength: expect.any(Number) });
  });

  it('names statements by verb and table', () => {
    expect(statementName('select "id", "email" from "users" where lower("users"."email") = lower($1)')).toBe('select users');
    expect(statementName('insert into "sign_in_attempts" ("id", "key") values (default, $1)')).toBe('insert sign_in_attempts');
    expect(statementName('\n    with input as (select * from jsonb_to_recordset($1::jsonb))')).toBe('with jsonb_to_recordset');
  });
});
