/**
 * Authorization codes, access tokens and refresh tokens. Access tokens look like Salesforce's
 * (`{orgId15}!{random}`); revoking a refresh token kills the access tokens issued from it.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { OrgKey } from '../model/org';

/** A session behind an access token. */
export interface AccessSession {
  token: string;
  orgKey: OrgKey;
  userId: string;
  clientId: string;
  refreshToken: string | null;
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
}

/** A refresh token grant. */
export interface RefreshGrant {
  token: string;
  orgKey: OrgKey;
  userId: string;
  clientId: string;
  /** Space-separated scopes granted at authorization (openid makes refreshes answer an id_token too). */
  scope?: string;
  issuedAt: number;
  revoked: boolean;
}

/** A pending authorization code. */
export interface AuthCode {
  code: string;
  orgKey: OrgKey;
  userId: string;
  clientId: string;
  redirectUri: string;
  challenge: string | null;
  scope: string;
  nonce: string | null;
  expiresAt: number;
  used: boolean;
}

/** A login attempt between the authorize redirect and the consent decision. */
export interface PendingAuthorization {
  id: string;
  orgKey: OrgKey;
  clientId: string;
  redirectUri: string;
  state: string | null;
  challenge: string | null;
  scope: string;
  nonce: string | null;
  userId: string | null;
  expiresAt: number;
}

/** URL-safe random string of `bytes` random bytes. */
export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** base64url(SHA-256(verifier)), the S256 PKCE challenge. */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** Every credential the emulator has issued. */
export class TokenStore {
  readonly access = new Map<string, AccessSession>();
  readonly refresh = new Map<string, RefreshGrant>();
  readonly codes = new Map<string, AuthCode>();
  readonly pending = new Map<string, PendingAuthorization>();
  tokenCalls = 0;

  /** Issues an access token for a user of an org. */
  issueAccess(orgKey: OrgKey, orgId: string, userId: string, clientId: string, refreshToken: string | null, now: number, ttlMs: number): AccessSession {
    const token = `${orgId.slice(0, 15)}!${randomToken(72)}`;
    const session = { token, orgKey, userId, clientId, refreshToken, issuedAt: now, expiresAt: now + ttlMs, revoked: false };
    this.access.set(token, session);
    return session;
  }

  /** Issues a refresh token. */
  issueRefresh(orgKey: OrgKey, userId: string, clientId: string, scope: string, now: number): RefreshGrant {
    const grant = { token: `5Aep861${randomToken(60)}`, orgKey, userId, clientId, scope, issuedAt: now, revoked: false };
    this.refresh.set(grant.token, grant);
    return grant;
  }

  /** The live session of an access token, or null when unknown, revoked or expired. */
  session(token: string, now: number): AccessSession | null {
    const s = this.access.get(token);
    return s && !s.revoked && s.expiresAt > now ? s : null;
  }

  /** Revokes a refresh token and every access token issued from it. */
  revokeRefresh(token: string): boolean {
    const grant = this.refresh.get(token);
    // Salesforce answers invalid_token for a token that is already revoked.
    if (!grant || grant.revoked) return false;
    grant.revoked = true;
    for (const s of this.access.values()) if (s.refreshToken === token) s.revoked = true;
    return true;
  }

  /** Revokes one access token, or a refresh token with its access tokens; false when unknown. */
  revoke(token: string): boolean {
    if (this.revokeRefresh(token)) return true;
    const s = this.access.get(token);
    if (!s || s.revoked) return false;
    s.revoked = true;
    return true;
  }

  /** Makes every access token (optionally of one org) expired now, as a session timeout would. */
  expireAccessTokens(now: number, orgKey?: OrgKey): number {
    let n = 0;
    for (const s of this.access.values()) {
      if (orgKey && s.orgKey !== orgKey) continue;
      if (s.expiresAt > now) { s.expiresAt = now; n++; }
    }
    return n;
  }
}
