/**
 * Retried calls on one authenticated jsforce Connection. Every call goes through jsforce's request path, so an
 * expired session is renewed (getConnection's refreshFn) and the call repeated, and through ObservedTransport,
 * so it is counted and its HTTP errors are typed.
 */
import type { Connection, HttpMethods, HttpResponse } from 'jsforce';
import { HttpApi } from 'jsforce/lib/http-api';
import { unwrapRefreshFailure } from './connection';
import { withRetry, type RetryPolicy } from './retry';

/** A text answer with its headers (CSV pages carry Sforce-Locator). */
export interface RawAnswer {
  body: string;
  headers: Record<string, string>;
}

/** The org's REST, Bulk and Tooling endpoints under `/services/data/vNN.0`. */
export class OrgApi {
  constructor(readonly conn: Connection, readonly policy: RetryPolicy) {}

  /** The absolute URL of a path under the version root (`/sobjects`, `/jobs/ingest`). */
  url(path: string): string {
    return path.startsWith('http') ? path : `${this.conn.instanceUrl}/services/data/v${this.conn.version}${path}`;
  }

  /** A JSON call (body sent as JSON when given), retried under the policy. */
  json<T>(method: HttpMethods, path: string, body?: unknown): Promise<T> {
    return withRetry(() => this.conn.request<T>({
      method, url: this.url(path),
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    }), this.policy).catch((error: unknown) => { throw unwrapRefreshFailure(this.conn, error); });
  }

  /** A call whose answer is kept as text with its headers (CSV), retried under the policy. */
  raw(method: HttpMethods, path: string, body?: string, contentType?: string): Promise<RawAnswer> {
    return withRetry(async () => {
      const api = new HttpApi(this.conn, { responseType: 'text/plain' });
      let last: HttpResponse | undefined;
      api.on('response', (response: HttpResponse) => { last = response; });
      const text = await api.request<string>({
        method, url: this.url(path), ...(body === undefined ? {} : { body, headers: { 'content-type': contentType ?? 'text/csv' } }),
      });
      return { body: typeof text === 'string' ? text : '', headers: last?.headers ?? {} };
    }, this.policy).catch((error: unknown) => { throw unwrapRefreshFailure(this.conn, error); });
  }
}
