import type { LookupFunction } from 'node:net';
import { Agent, fetch, type Response } from 'undici';
import { AppError } from '@/lib/errors';
import {
  assertPublicUrl, isAllowlistedOrigin, OutboundUrlError, resolvePublicAddresses, systemResolver,
  type HostResolver, type OutboundUrlOptions,
} from './url-safety';
import { outboundAllowlist } from './outbound-allowlist';

export type { Response as OutboundResponse } from 'undici';

/** A call that could not be completed (refused connection, timeout, reset): worth retrying later. */
export class OutboundNetworkError extends AppError {
  constructor(message: string, readonly reason: string) {
    super('UNAVAILABLE', message);
  }
}

/** What safeFetch sends: a subset of fetch's RequestInit that can be replayed across redirects. */
export interface OutboundRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/** Options of safeFetch. */
export interface SafeFetchOptions extends OutboundUrlOptions {
  /** Redirects followed, each re-checked; default 5. */
  maxRedirects?: number;
  /** Whole-call timeout; default 30 s. */
  timeoutMs?: number;
}

/** Headers kept when a redirect leaves the origin; credentials never follow a redirect elsewhere. */
const CROSS_ORIGIN_SAFE_HEADERS = new Set(['accept', 'content-type', 'user-agent']);

/**
 * A lookup for net.connect that resolves, refuses private answers, and hands net only the addresses it
 * checked: the connection goes to exactly what was checked, so DNS rebinding between check and connect
 * has nothing to exploit.
 */
function guardedLookup(resolve: HostResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolvePublicAddresses(hostname, { resolve, what: `The address ${hostname}` }).then((found) => {
      const family = options.family === 4 || options.family === 6 ? options.family : 0;
      const usable = family ? found.filter((a) => a.family === family) : found;
      if (usable.length === 0) {
        const error = Object.assign(new Error(`${hostname} has no IPv${family} address`), { code: 'ENOTFOUND' });
        return (callback as (e: Error) => void)(error);
      }
      if (options.all) (callback as (e: null, a: typeof usable) => void)(null, usable);
      else callback(null, usable[0].address, usable[0].family);
    }, (error: Error) => (callback as (e: Error) => void)(error));
  };
}

const globalForAgents = globalThis as unknown as { __dicOutboundAgents?: { guarded: Agent; trusted: Agent } };

function agents() {
  globalForAgents.__dicOutboundAgents ??= {
    guarded: new Agent({ connect: { lookup: guardedLookup(systemResolver) } }),
    // Allowlisted origins (the emulators) are trusted by configuration and may be local.
    trusted: new Agent(),
  };
  return globalForAgents.__dicOutboundAgents;
}

function unwrapFetchError(error: unknown, url: URL, what: string): Error {
  if (error instanceof AppError) return error;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof OutboundUrlError) return cause;
  if (error instanceof Error && error.name === 'TimeoutError') return new OutboundNetworkError(`${what} (${url.host}) did not answer in time. Try again later.`, 'timeout');
  if (error instanceof Error && error.name === 'AbortError') return error;
  const code = (cause as { code?: string } | undefined)?.code ?? (error as Error).message;
  return new OutboundNetworkError(`${what} (${url.host}) could not be reached (${code}). Check the address, or try again later.`, String(code));
}

function redirectedRequest(request: OutboundRequest, status: number, from: URL, to: URL): OutboundRequest {
  let { method = 'GET', body, headers = {} } = request;
  // As browsers do: 303, and 301/302 after POST, become a GET without a body; 307/308 replay the request.
  if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
    method = method === 'HEAD' ? 'HEAD' : 'GET';
    body = undefined;
    headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'content-type'));
  }
  if (from.origin !== to.origin) headers = Object.fromEntries(Object.entries(headers).filter(([k]) => CROSS_ORIGIN_SAFE_HEADERS.has(k.toLowerCase())));
  return { ...request, method, body, headers };
}

/**
 * The one way connector code calls a user-configured URL. Before each call, and again for every redirect
 * hop, the URL must be https on a public address (or an allowlisted origin); the connection is pinned to
 * the addresses that were checked. Redirects are followed by hand, at most `maxRedirects`.
 */
export async function safeFetch(raw: string | URL, request: OutboundRequest = {}, options: SafeFetchOptions = {}): Promise<Response> {
  const what = options.what ?? 'The URL';
  const maxRedirects = options.maxRedirects ?? 5;
  const allowed = options.allowedPrivateOrigins ?? outboundAllowlist();
  const checks: OutboundUrlOptions = { ...options, allowedPrivateOrigins: allowed };
  const signal = AbortSignal.any([AbortSignal.timeout(options.timeoutMs ?? 30_000), ...(request.signal ? [request.signal] : [])]);
  const testAgent = options.resolve ? new Agent({ connect: { lookup: guardedLookup(options.resolve) } }) : null;
  let url = await assertPublicUrl(raw, checks);
  let current = request;
  try {
    for (let hop = 0; ; hop += 1) {
      const dispatcher = isAllowlistedOrigin(url, allowed) ? agents().trusted : (testAgent ?? agents().guarded);
      let response: Response;
      try {
        response = await fetch(url, {
          method: current.method ?? 'GET', headers: current.headers, body: current.body, redirect: 'manual', signal, dispatcher,
        });
      } catch (error) {
        throw unwrapFetchError(error, url, what);
      }
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || response.status === 304 || !location) return response;
      await response.body?.cancel().catch(() => undefined);
      if (hop >= maxRedirects) throw new OutboundUrlError(`${what} redirected more than ${maxRedirects} times; use the final address.`);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new OutboundUrlError(`${what} redirected to an invalid address (${location}).`);
      }
      const checked = await assertPublicUrl(next, { ...checks, what: `${what} redirected to ${next.host}, and that address` });
      current = redirectedRequest(current, response.status, url, checked);
      url = checked;
    }
  } finally {
    if (testAgent) void testAgent.close();
  }
}

/** Reads an answer's body as text, keeping at most `maxBytes` (the rest is cancelled, not buffered). */
export async function readBodyText(response: Response, maxBytes = 64 * 1024): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size));
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    size += value.byteLength;
    chunks.push(value);
  }
  return { text: new TextDecoder().decode(Buffer.concat(chunks)), truncated };
}
