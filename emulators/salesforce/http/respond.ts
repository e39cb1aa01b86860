/**
 * Writing answers the way Salesforce does: JSON with `application/json;charset=UTF-8`, errors as an
 * array of `{message, errorCode, fields?}`, and a typed error that handlers throw to produce them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error that becomes an HTTP answer `[{"message","errorCode","fields"?}]` with `status`. */
export class SfHttpError extends Error {
  constructor(readonly status: number, readonly errorCode: string, message: string, readonly fields?: string[]) {
    super(message);
  }
}

/** An OAuth endpoint error: `{"error","error_description"}` with `status`. */
export class OAuthError extends Error {
  constructor(readonly status: number, readonly error: string, readonly description: string) {
    super(description);
  }
}

/** The Content-Type Salesforce sends with JSON. */
export const JSON_TYPE = 'application/json;charset=UTF-8';

/** Sends a JSON body. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Sends Salesforce's error array. */
export function sendError(res: ServerResponse, err: SfHttpError): void {
  const body = err.fields ? [{ message: err.message, errorCode: err.errorCode, fields: err.fields }] : [{ message: err.message, errorCode: err.errorCode }];
  sendJson(res, err.status, body);
}

/** Sends an empty answer (204 and friends). */
export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end();
}

/** Sends an HTML page. */
export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html;charset=UTF-8', 'Content-Length': Buffer.byteLength(html), 'Cache-Control': 'no-store' });
  res.end(html);
}

/** Sends a redirect. */
export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}

/** Reads the whole request body (Bulk uploads stay Buffers until parsed). */
export async function readBody(req: IncomingMessage, maxBytes = 160 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new SfHttpError(413, 'REQUEST_ENTITY_TOO_LARGE', 'Request body exceeds the maximum size');
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

/** Reads and parses a JSON body, answering 400 JSON_PARSER_ERROR on bad input like Salesforce. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = (await readBody(req)).toString('utf8');
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new SfHttpError(400, 'JSON_PARSER_ERROR', `Unexpected character in JSON: ${(e as Error).message}`);
  }
}

/** Reads a form-encoded body (OAuth endpoints and HTML forms). */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(req, 1024 * 1024)).toString('utf8'));
}
