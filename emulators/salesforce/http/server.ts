/**
 * The request router. One port serves both orgs through path prefixes:
 * `/{org}/login/...` (OAuth, OpenID Connect, identity) and `/{org}/instance/services/...` (REST, Bulk, Tooling).
 * jsforce's Bulk 2.0 client builds its URLs with `new URL(path, instanceUrl)`, which drops or shortens
 * a path prefix, so `/services/...` and `/{org}/services/...` are accepted too; the access token then
 * names the org. `/__emulator/...` is the control API.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_VERSIONS, identity, versions } from '../auth/identity';
import { authorize, submitConsent, submitLogin } from '../auth/authorize';
import { discovery, jwks, userinfo } from '../auth/oidc';
import { revokeEndpoint, tokenEndpoint } from '../auth/token-endpoint';
import type { EmulatorControl } from '../control/control';
import { handleControl } from '../control/routes';
import type { Emulator } from '../emulator';
import type { OrgKey } from '../model/org';
import { authenticate, chargeApiCall, type RestContext } from '../rest/context';
import { handleRest } from '../rest/routes';
import { OAuthError, sendError, sendHtml, sendJson, SfHttpError } from './respond';

/** Salesforce's limit on the request URI, in bytes. */
export const MAX_URI_BYTES = 16_384;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function notFound(): never {
  throw new SfHttpError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

async function loginArea(em: Emulator, orgKey: OrgKey, rest: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  if (rest === '/services/oauth2/authorize' && method === 'GET') return authorize(em, orgKey, url, res);
  if (rest === '/login' && method === 'POST') return submitLogin(em, orgKey, req, res);
  if (rest === '/services/oauth2/authorize/consent' && method === 'POST') return submitConsent(em, orgKey, req, res);
  return shared(em, orgKey, rest, req, res, url);
}

/** Endpoints both the login host and the instance (My Domain) answer. */
async function shared(em: Emulator, orgKey: OrgKey, rest: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  if (rest === '/services/oauth2/token' && method === 'POST') return tokenEndpoint(em, orgKey, req, res);
  if (rest === '/services/oauth2/revoke' && (method === 'POST' || method === 'GET')) return revokeEndpoint(em, req, url, res);
  if (rest === '/services/oauth2/userinfo' && (method === 'GET' || method === 'POST')) return userinfo(em, orgKey, req, res);
  if (rest === '/.well-known/openid-configuration' && method === 'GET') return discovery(em, orgKey, res);
  if (rest === '/id/keys' && method === 'GET') return jwks(em, res);
  const id = /^\/id\/([0-9A-Za-z]{15,18})\/([0-9A-Za-z]{15,18})$/.exec(rest);
  if (id && method === 'GET') return identity(em, orgKey, id[1], id[2], req, url, res);
  if ((rest === '/services/data' || rest === '/services/data/') && method === 'GET') return versions(res);
  if (rest === '/' || rest === '') return sendHtml(res, 200, `<!DOCTYPE html><title>Salesforce emulator</title><p>${em.orgs[orgKey].name}</p>`);
  notFound();
}

async function instanceArea(em: Emulator, orgHint: OrgKey | null, rest: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const m = /^\/services\/data\/v(\d+)\.0(\/.*)?$/.exec(rest);
  if (!m) {
    if (orgHint) return shared(em, orgHint, rest, req, res, url);
    if ((rest === '/services/data' || rest === '/services/data/') && req.method === 'GET') return versions(res);
    notFound();
  }
  if (!API_VERSIONS.includes(Number(m[1]))) notFound();
  const { session, org, user } = authenticate(em, req, orgHint);
  chargeApiCall(org, res, em.now());
  const ctx: RestContext = {
    em, org, user, session, req, res, url, method: req.method ?? 'GET', version: `${m[1]}.0`, path: m[2] ?? '',
  };
  await handleRest(ctx);
}

async function route(em: Emulator, control: EmulatorControl, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = req.url ?? '/';
  if (Buffer.byteLength(raw) > MAX_URI_BYTES) {
    const body = '<html><body><h1>414 URI Too Long</h1></body></html>';
    res.writeHead(414, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(body), Connection: 'close' });
    res.end(body);
    return;
  }
  const url = new URL(raw, 'http://emulator.local');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  if (path === '/__emulator' || path.startsWith('/__emulator/')) return handleControl(control, req, res, url);

  const latency = em.faults.fires('latency', method, path);
  if (latency) await sleep(latency.latencyMs);
  if (em.faults.fires('drop', method, path)) { req.socket.destroy(); return; }
  if (em.faults.fires('unavailable', method, path)) {
    return sendJson(res, 503, [{ message: 'Service temporarily unavailable, please try again later', errorCode: 'SERVER_UNAVAILABLE' }]);
  }
  const limited = em.faults.fires('rateLimited', method, path);
  if (limited) {
    res.setHeader('Retry-After', String(limited.retryAfterSeconds));
    return sendJson(res, 429, [{ message: `Too many requests. Retry after ${limited.retryAfterSeconds} seconds.`, errorCode: 'TOO_MANY_REQUESTS' }]);
  }
  if (em.faults.fires('lockCall', method, path)) {
    return sendJson(res, 400, [{ message: 'unable to obtain exclusive access to this record or 1 records', errorCode: 'UNABLE_TO_LOCK_ROW' }]);
  }
  if (em.faults.fires('expireSession', method, path)) {
    // The session times out just now: every access token ends, and this call is the first to notice.
    em.tokens.expireAccessTokens(em.now());
    em.onChange();
  }

  let m = /^\/(sandbox|production)\/(login|instance)(\/.*)?$/.exec(path);
  if (m) {
    const orgKey = m[1] as OrgKey;
    const rest = m[3] ?? '/';
    return m[2] === 'login' ? loginArea(em, orgKey, rest, req, res, url) : instanceArea(em, orgKey, rest, req, res, url);
  }
  m = /^\/(sandbox|production)(\/services\/.*)$/.exec(path);
  if (m) return instanceArea(em, m[1] as OrgKey, m[2], req, res, url);
  if (path.startsWith('/services/')) return instanceArea(em, null, path, req, res, url);
  notFound();
}

/** The node:http request listener. */
export function requestListener(em: Emulator, control: EmulatorControl) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    route(em, control, req, res).catch((err: unknown) => {
      if (res.headersSent) { res.destroy(); return; }
      if (err instanceof SfHttpError) return sendError(res, err);
      if (err instanceof OAuthError) return sendJson(res, err.status, { error: err.error, error_description: err.description });
      sendJson(res, 500, [{ message: `An unexpected error occurred: ${(err as Error).message}`, errorCode: 'UNKNOWN_EXCEPTION' }]);
    });
  };
}
