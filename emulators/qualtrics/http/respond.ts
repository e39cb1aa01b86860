/**
 * Answers in Qualtrics' envelope: `{"result": {...}, "meta": {"httpStatus": "202 - Accepted", "requestId"}}`,
 * errors as `{"meta": {"httpStatus", "error": {"errorMessage", "errorCode"}, "requestId"}}`.
 */
import type { ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';

/** An error answer in Qualtrics' shape. */
export class QualtricsHttpError extends Error {
  constructor(readonly status: number, readonly errorCode: string, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

/** "202 - Accepted", as Qualtrics writes httpStatus. */
export function httpStatusText(status: number): string {
  return `${status} - ${STATUS_CODES[status] ?? 'Unknown'}`;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendResult(res: ServerResponse, status: number, requestId: string, result: unknown, headers: Record<string, string> = {}): void {
  sendJson(res, status, { result, meta: { httpStatus: httpStatusText(status), requestId } }, headers);
}

export function sendError(res: ServerResponse, requestId: string, error: QualtricsHttpError): void {
  sendJson(res, error.status, {
    meta: { httpStatus: httpStatusText(error.status), error: { errorMessage: error.message, errorCode: error.errorCode }, requestId },
  }, error.headers);
}
