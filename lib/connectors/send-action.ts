/**
 * Sends one external action (or Qualtrics JSON event) for one row: fills the URL, headers and payload
 * templates, adds the connector's credentials, and calls through safeFetch. The answer is summarised for
 * the UI's "Test" and for a run's per-row log.
 */
import type { ActionHeader, ActionMethod, ConnectorAuthType, ConnectorKind } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { QUALTRICS_MAX_PAYLOAD_BYTES, basicAuthHeader, readQualtricsAnswer } from './qualtrics';
import { readBodyText, safeFetch, type SafeFetchOptions } from './safe-fetch';
import { renderTemplate, TemplateError, type TemplateValue } from './templating';

/** The largest payload DIC sends to any connector: Qualtrics' 100 KB. */
export const MAX_PAYLOAD_BYTES = QUALTRICS_MAX_PAYLOAD_BYTES;

/** A connector with its secret opened, for the server only. */
export interface ConnectorSecrets {
  kind: ConnectorKind;
  name: string;
  baseUrl: string | null;
  authType: ConnectorAuthType;
  authUsername: string | null;
  authHeaderName: string | null;
  secret: string | null;
}

/** The call an action makes. */
export interface ActionDefinition {
  method: ActionMethod;
  url: string;
  headers: ActionHeader[];
  payloadTemplate: string;
}

/** What came back, safe to show (the request's credentials are not in it). */
export interface ActionOutcome {
  status: number;
  ok: boolean;
  eventId: string | null;
  requestId: string | null;
  /** The answer's body, at most 16 KB. */
  body: string;
  retryAfterSeconds: number | null;
  /** The payload that was sent. */
  payload: Record<string, unknown>;
}

/** Header names an action may not set: the connector owns credentials, the HTTP stack the rest. */
export const RESERVED_HEADERS = ['authorization', 'host', 'content-length', 'cookie', 'connection', 'transfer-encoding', 'x-api-token', 'idempotency-key'];

/** The header a run's calls carry so a receiver can recognise a repeat: `<runId>:<row key>` (see docs/decisions.md). */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** The idempotency key of one row's call in one run: the same on every retry and every resumed attempt. */
export function rowIdempotencyKey(runId: string, rowKey: string): string {
  return `${runId}:${encodeURIComponent(rowKey)}`;
}

/** Resolves an action URL against the connector's base URL and refuses one that leaves it (credentials must not travel elsewhere). */
export function actionUrl(connector: Pick<ConnectorSecrets, 'baseUrl'>, raw: string): URL {
  let url: URL;
  try {
    url = connector.baseUrl ? new URL(raw, connector.baseUrl.endsWith('/') ? connector.baseUrl : `${connector.baseUrl}/`) : new URL(raw);
  } catch {
    throw new AppError('VALIDATION', 'The action URL is not a valid URL. Enter a full https:// address or a path under the connector\'s base URL.');
  }
  if (connector.baseUrl && url.origin !== new URL(connector.baseUrl).origin) {
    throw new AppError('VALIDATION', `The action URL must be on the connector's host (${new URL(connector.baseUrl).host}). Use another connector for another system.`);
  }
  return url;
}

/** Authentication headers for a connector. */
export function authHeaders(connector: ConnectorSecrets): Record<string, string> {
  if (connector.authType === 'basic') return { authorization: basicAuthHeader(connector.authUsername ?? '', connector.secret ?? '') };
  if (connector.authType === 'header' && connector.authHeaderName) return { [connector.authHeaderName]: connector.secret ?? '' };
  return {};
}

function fillText(template: string, values: Record<string, TemplateValue>, encode: (s: string) => string): string {
  return template.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (_m, name: string) => {
    if (!Object.hasOwn(values, name)) throw new TemplateError(`{{${name}}} is not a column here. Pick one of the report's columns.`);
    const v = values[name];
    return encode(v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v));
  });
}

/** Builds the request without sending it (tests and the log show it; credentials are added last). */
export function buildActionRequest(connector: ConnectorSecrets, action: ActionDefinition, values: Record<string, TemplateValue>) {
  const url = actionUrl(connector, fillText(action.url, values, encodeURIComponent));
  const withBody = action.method !== 'GET' && action.method !== 'DELETE';
  const { text, payload } = renderTemplate(action.payloadTemplate, values);
  const bytes = Buffer.byteLength(text);
  if (withBody && bytes > MAX_PAYLOAD_BYTES) {
    throw new TemplateError(`The payload is ${Math.ceil(bytes / 1024)} KB; at most 100 KB may be sent in one call. Map fewer or shorter columns.`);
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  if (withBody) headers['content-type'] = 'application/json';
  for (const h of action.headers) {
    if (RESERVED_HEADERS.includes(h.name.toLowerCase())) continue;
    headers[h.name] = fillText(h.value, values, (s) => s.replace(/[\r\n]+/g, ' '));
  }
  Object.assign(headers, authHeaders(connector));
  return { url, method: action.method, headers, body: withBody ? text : undefined, payload };
}

function retryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - Date.now()) / 1000)) : null;
}

/**
 * Sends the action for one row's values and summarises the answer. Network and URL-safety failures throw.
 * `idempotencyKey` (a run's calls) is sent as the Idempotency-Key header.
 */
export async function sendAction(connector: ConnectorSecrets, action: ActionDefinition, values: Record<string, TemplateValue>, options: SafeFetchOptions & { idempotencyKey?: string } = {}): Promise<ActionOutcome> {
  const { idempotencyKey, ...fetchOptions } = options;
  const request = buildActionRequest(connector, action, values);
  if (idempotencyKey) request.headers[IDEMPOTENCY_HEADER] = idempotencyKey;
  const what = connector.kind === 'qualtrics' ? 'The Qualtrics JSON event URL' : `The ${connector.name} action URL`;
  const response = await safeFetch(request.url, { method: request.method, headers: request.headers, body: request.body }, { what, ...fetchOptions });
  const { text } = await readBodyText(response, 16 * 1024);
  const ids = readQualtricsAnswer(text);
  return {
    status: response.status, ok: response.status >= 200 && response.status < 300,
    eventId: ids.eventId, requestId: ids.requestId ?? response.headers.get('x-request-id'), body: text,
    retryAfterSeconds: retryAfter(response.headers.get('retry-after')), payload: request.payload,
  };
}
