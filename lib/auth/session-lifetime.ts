import { encode, type JWTEncodeParams } from 'next-auth/jwt';

/** How long a session lasts from sign-in, in seconds. Nothing extends it; after it the user signs in again. */
export const SESSION_LIFETIME_SECONDS = 12 * 60 * 60;

/** The session-cookie claims DIC adds: user, workspace, session version, session row id, absolute end (epoch s). */
export interface SessionClaims {
  uid?: string;
  wid?: string;
  sv?: number;
  sid?: string;
  end?: number;
}

/**
 * next-auth re-encodes the session cookie on every session read with a fresh `exp` of now + maxAge. This
 * encoder caps `exp` at the session's absolute end, so a re-issued cookie expires when the first one did.
 */
export async function encodeWithinLifetime(params: JWTEncodeParams, nowSeconds = Math.floor(Date.now() / 1000)): Promise<string> {
  const end = (params.token as SessionClaims | undefined)?.end;
  const maxAge = typeof end === 'number' ? Math.max(0, end - nowSeconds) : params.maxAge;
  return encode({ ...params, maxAge });
}
