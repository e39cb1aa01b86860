/**
 * The HTTP transport under DIC's jsforce connections. jsforce's own retry loop is switched off (it ignores
 * Retry-After and hides calls), so retries happen once, in retry.ts, with p-retry. Every request is counted,
 * Sforce-Limit-Info is read from every answer (Bulk calls included, which jsforce's Connection does not see),
 * and an HTTP error other than 401 (left to jsforce, which renews the session and repeats the call) becomes a
 * SalesforceApiError carrying Salesforce's code, the status and Retry-After.
 */
import type { HttpRequest, HttpRequestOptions, HttpResponse } from 'jsforce';
import { Transport } from 'jsforce/lib/transport';
import { StreamPromise } from 'jsforce/lib/util/promise';
import type { ApiUsage } from './client';
import { ApiLimitExceededError, failureFromResponse, SalesforceApiError } from './errors';

/** What the transport saw: calls made and the latest API usage Salesforce reported. */
export interface TransportObserver {
  onRequest(request: HttpRequest): void;
  onResponse(request: HttpRequest, response: HttpResponse): void;
  onApiUsage(usage: ApiUsage): void;
}

/** Parses `Sforce-Limit-Info: api-usage=N/M`. */
export function parseLimitInfo(header: string | undefined): ApiUsage | undefined {
  const m = header ? /api-usage=(\d+)\/(\d+)/.exec(header) : null;
  return m ? { used: Number(m[1]), max: Number(m[2]) } : undefined;
}

/** A jsforce Transport that counts, observes and types errors; see the file comment. */
export class ObservedTransport extends Transport {
  private lastUsage: ApiUsage | undefined;

  constructor(private readonly observer: TransportObserver) {
    super();
  }

  override httpRequest(request: HttpRequest, options: HttpRequestOptions = {}): StreamPromise<HttpResponse> {
    this.observer.onRequest(request);
    const inner = super.httpRequest(request, { ...options, retry: { maxRetries: 0 } });
    return StreamPromise.create(() => ({
      stream: inner.stream(),
      promise: inner.then((response) => {
        const usage = parseLimitInfo(response.headers['sforce-limit-info']);
        if (usage) {
          this.lastUsage = usage;
          this.observer.onApiUsage(usage);
        }
        this.observer.onResponse(request, response);
        if (response.statusCode >= 400 && response.statusCode !== 401) {
          const failure = failureFromResponse(response.statusCode, response.headers, response.body ?? '');
          if (failure.httpStatus === 403 && failure.sfErrorCode === 'REQUEST_LIMIT_EXCEEDED') throw new ApiLimitExceededError(failure, this.lastUsage);
          throw new SalesforceApiError(failure);
        }
        return response;
      }),
    }));
  }
}
