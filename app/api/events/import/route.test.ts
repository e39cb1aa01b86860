import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createTestWorkspace } from '@/lib/auth/testing';
import { createTestDatabase } from '@/db/testing';
import type { Ctx } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';

// The route reads the session through requireContext; here it answers for a member of a test workspace.
const session = vi.hoisted(() => ({ ctx: null as unknown }));
vi.mock('@/lib/auth/session', () => ({
  requireContext: async () => {
    if (!session.ctx) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again to continue.');
    return session.ctx;
  },
}));
const { POST } = await import('./route');

const MB = 1024 * 1024;
const url = 'http://localhost:3000/api/events/import';

/** A body stream of `size` bytes with no Content-Length, as a chunked upload sends it. */
function chunked(size: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(MB).fill(0x61); // "aaaa…": one endless field after the header
  let sent = 0;
  return new ReadableStream({
    start(controller) { controller.enqueue(new TextEncoder().encode('userId,type,timestamp\n')); },
    pull(controller) {
      if (sent >= size) return controller.close();
      controller.enqueue(chunk);
      sent += chunk.length;
    },
  });
}

/** Posts like a browser: a text body carries its Content-Length; a stream has none unless given. */
const post = (body: BodyInit | null, headers: Record<string, string> = {}) => {
  const length = typeof body === 'string' ? { 'content-length': String(Buffer.byteLength(body)) } : {};
  return POST(new Request(url, { method: 'POST', body, headers: { host: 'localhost:3000', ...length, ...headers }, duplex: 'half' } as RequestInit));
};

describe('POST /api/events/import', () => {
  let handle: DatabaseHandle;
  let member: Ctx;
  beforeAll(async () => {
    handle = await createTestDatabase('pglite');
    const admin = await createTestWorkspace(handle.db, 'Acme');
    member = { ...admin, user: { ...admin.user, role: 'member' } };
  });
  beforeEach(() => { session.ctx = member; });
  afterAll(async () => { await handle.close(); });

  it('imports a CSV body for a signed-in member and answers the counts with rejected line numbers', async () => {
    const csv = 'userId,type,timestamp\nu1,login,2026-06-01T00:00:00Z\nu1,login,later\n';
    const response = await post(csv, { 'content-type': 'text/csv', 'x-file-name': encodeURIComponent('my events.csv') });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [{ line: 3, message: expect.stringMatching(/^Line 3: timestamp must be a date and time/) }], rejectedTotal: 1 });
  });

  it('refuses without a session, from another site, and with a bad header', async () => {
    session.ctx = null;
    expect((await post('userId,type,timestamp\n')).status).toBe(401);
    session.ctx = member;
    expect((await post('userId,type,timestamp\n', { origin: 'https://evil.test' })).status).toBe(403);
    // A sandboxed frame or a file:// page sends "Origin: null": refused as cross-site, not a crash.
    const fromNull = await post('userId,type,timestamp\n', { origin: 'null' });
    expect(fromNull.status).toBe(403);
    expect((await fromNull.json()).error).toBe('Cross-site requests are not accepted.');
    const bad = await post('user,type\nu1,login\n');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^Line 1: the header has no userId or timestamp column\./);
  });

  it('answers 413 for a declared size over 50 MB and stops a body that outgrows its declared size at 50 MB', async () => {
    const declared = await post('userId,type,timestamp\n', { 'content-length': String(51 * MB) });
    expect(declared.status).toBe(413);
    expect((await declared.json()).error).toMatch(/larger than 50 MB/);
    const streamed = await post(chunked(51 * MB), { 'content-length': String(10 * MB) });
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error).toMatch(/larger than 50 MB/);
  });

  it('answers 411 when the size is not declared', async () => {
    const unsized = await post(chunked(1 * MB));
    expect(unsized.status).toBe(411);
    expect((await unsized.json()).error).toMatch(/Content-Length/);
  });
});
