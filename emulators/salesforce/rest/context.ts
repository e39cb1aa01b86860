/**
 * What every REST handler gets: the authenticated session, its org and user, the API version and the
 * path below `/services/data/vNN.0`. Building it enforces the session (401 INVALID_SESSION_ID) and the
 * daily API allowance (403 REQUEST_LIMIT_EXCEEDED), and stamps `Sforce-Limit-Info`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessSession } from '../auth/tokens';
import { bearerToken } from '../auth/identity';
import type { Emulator } from '../emulator';
import type { Org, OrgKey, OrgUser } from '../model/org';
import { SfHttpError } from '../http/respond';
import type { WriteContext } from '../model/dml';

/** An authenticated REST request. */
export interface RestContext {
  em: Emulator;
  org: Org;
  user: OrgUser;
  session: AccessSession;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  method: string;
  version: string;
  /** Path below the version root, starting with "/" (or "" for the root). */
  path: string;
}

/**
 * Authenticates a request. `orgHint` is the org named by the URL prefix, when there is one (Bulk 2.0 in
 * jsforce drops the prefix, so the token alone must be able to name the org).
 */
export function authenticate(em: Emulator, req: IncomingMessage, orgHint: OrgKey | null): { session: AccessSession; org: Org; user: OrgUser } {
  const token = bearerToken(req);
  const session = token ? em.tokens.session(token, em.now()) : null;
  if (!session || (orgHint && session.orgKey !== orgHint)) {
    throw new SfHttpError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
  }
  const org = em.orgs[session.orgKey];
  const user = org.user(session.userId);
  if (!user) throw new SfHttpError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
  return { session, org, user };
}

/** Counts one call against the org's allowance, refusing when it is spent, and sets Sforce-Limit-Info. */
export function chargeApiCall(org: Org, res: ServerResponse, now: number): void {
  const { used, allowed } = org.api.charge(now);
  res.setHeader('Sforce-Limit-Info', `api-usage=${used}/${org.api.max}`);
  if (!allowed) throw new SfHttpError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
}

/** A DML context for the request's user. */
export function writeContext(ctx: RestContext, fromText = false): WriteContext {
  return { org: ctx.org, userId: ctx.user.id, now: ctx.em.now(), fromText };
}
