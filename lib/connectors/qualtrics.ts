/**
 * Qualtrics specifics: the Basic authentication header (Base64 of `username:API token`), the shape of a
 * workflow's JSON event URL, and reading the ids out of its answer.
 */
import { isAllowlistedOrigin } from './url-safety';

/** Qualtrics' limits on a JSON event: 100 KB a body, 3,000 calls a minute. */
export const QUALTRICS_MAX_PAYLOAD_BYTES = 100 * 1024;
export const QUALTRICS_CALLS_PER_MINUTE = 3000;
export const QUALTRICS_EVENT_PATH = '/inbound-event/v1/events/json/triggers';

/** The header the source document tells users to build: `Basic base64(username:token)`. */
export function basicAuthHeader(username: string, secret: string): string {
  return `Basic ${Buffer.from(`${username}:${secret}`, 'utf8').toString('base64')}`;
}

/** The header with its secret part hidden: scheme and the last four characters. */
export function maskAuthHeader(header: string): string {
  const [scheme, value = ''] = header.split(' ', 2);
  return `${scheme} ${'•'.repeat(12)}${value.slice(-4)}`;
}

const LEGACY_PARAMS = ['contextId', 'userId', 'brandId', 'triggerId'] as const;

/**
 * Checks that a URL pasted from a Qualtrics workflow has the JSON event shape:
 * `https://{datacenter}.qualtrics.com/inbound-event/v1/events/json/triggers?urlTokenId=…`, or the older form
 * with contextId, userId, brandId and triggerId. An allowlisted origin (the emulator) stands in for the
 * Qualtrics host. Returns the normalised URL, or throws an Error whose message says what to copy.
 */
export function checkQualtricsEventUrl(raw: string, allowlist?: readonly string[]): string {
  const help = 'Copy the URL from the JSON event of your Qualtrics workflow; it looks like https://yourdatacenter.qualtrics.com/inbound-event/v1/events/json/triggers?urlTokenId=….';
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`This is not a URL. ${help}`);
  }
  const emulator = isAllowlistedOrigin(url, allowlist);
  if (!emulator && (url.protocol !== 'https:' || !/^[a-z0-9-]+\.qualtrics\.com$/i.test(url.hostname) || url.port !== '')) {
    throw new Error(`The URL must be on your Qualtrics data center (https://….qualtrics.com). ${help}`);
  }
  if (url.pathname.replace(/\/$/, '') !== QUALTRICS_EVENT_PATH) throw new Error(`The URL's path must be ${QUALTRICS_EVENT_PATH}. ${help}`);
  const token = url.searchParams.get('urlTokenId');
  const legacy = LEGACY_PARAMS.every((p) => url.searchParams.get(p));
  if (!token && !legacy) throw new Error(`The URL needs its urlTokenId (or contextId, userId, brandId and triggerId). ${help}`);
  if (token && !/^[\w-]+$/.test(token)) throw new Error(`The urlTokenId has characters Qualtrics does not use. ${help}`);
  return url.toString();
}

/** What a JSON event answered: the ids of a 202, or Qualtrics' error message. */
export interface QualtricsAnswer {
  eventId: string | null;
  requestId: string | null;
  errorMessage: string | null;
}

/** Reads `{"result":{"eventId"},"meta":{"requestId","error"?}}` (tolerating other shapes: every field may be missing). */
export function readQualtricsAnswer(text: string): QualtricsAnswer {
  try {
    const body = JSON.parse(text) as { result?: { eventId?: unknown }; meta?: { requestId?: unknown; error?: { errorMessage?: unknown } }; eventId?: unknown; requestId?: unknown };
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    return {
      eventId: str(body.result?.eventId) ?? str(body.eventId),
      requestId: str(body.meta?.requestId) ?? str(body.requestId),
      errorMessage: str(body.meta?.error?.errorMessage),
    };
  } catch {
    return { eventId: null, requestId: null, errorMessage: null };
  }
}
