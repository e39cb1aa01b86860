/**
 * Gainsight's answer envelope: `{"result","errorCode","errorDesc","requestId","data"}`; for writes, data is
 * `{"count","errors","records":[{"Gsid"}]}`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error answer in Gainsight's shape. */
export class GainsightHttpError extends Error {
  constructor(readonly status: number, readonly errorCode: string, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendData(res: ServerResponse, requestId: string, data: unknown, status = 200, headers: Record<string, string> = {}): void {
  sendJson(res, status, { result: true, errorCode: null, errorDesc: null, requestId, data }, headers);
}

export function sendError(res: ServerResponse, requestId: string, error: GainsightHttpError): void {
  sendJson(res, error.status, { result: false, errorCode: error.errorCode, errorDesc: error.message, requestId, data: null }, error.headers);
}

/** Reads a JSON body of at most `maxBytes`. */
export async function readJson(req: IncomingMessage, maxBytes = 5 * 1024 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new GainsightHttpError(413, 'GS_REQUEST_TOO_LARGE', `The request body must be at most ${maxBytes} bytes.`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new GainsightHttpError(400, 'GS_INVALID_JSON', 'The request body is not valid JSON.');
  }
}
