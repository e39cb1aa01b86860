/**
 * The identity service (`{loginUrl}/id/{orgId}/{userId}`) and the version list. The identity service
 * answers a bad token with 403 `Bad_OAuth_Token` in plain text, not the REST API's JSON 401.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Emulator } from '../emulator';
import type { OrgKey } from '../model/org';
import { sendJson } from '../http/respond';

/** Supported REST versions, oldest first. */
export const API_VERSIONS = Array.from({ length: 45 }, (_, i) => 20 + i);

function versionLabel(v: number): string {
  const k = v - 60;
  const season = ((k % 3) + 3) % 3;
  const year = 24 + Math.floor(k / 3);
  return season === 0 ? `Spring '${year}` : season === 1 ? `Summer '${year}` : `Winter '${year + 1}`;
}

/** GET /services/data/ */
export function versions(res: ServerResponse): void {
  sendJson(res, 200, API_VERSIONS.map((v) => ({ label: versionLabel(v), url: `/services/data/v${v}.0`, version: `${v}.0` })));
}

/** Extracts a bearer token from the Authorization header (`Bearer x` or `OAuth x`). */
export function bearerToken(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(h);
  return m ? m[1].trim() : null;
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain;charset=UTF-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** GET /id/{orgId}/{userId} */
export function identity(em: Emulator, orgKey: OrgKey, orgId: string, userId: string, req: IncomingMessage, url: URL, res: ServerResponse): void {
  const token = bearerToken(req) ?? url.searchParams.get('oauth_token');
  const session = token ? em.tokens.session(token, em.now()) : null;
  if (!session || session.orgKey !== orgKey) return plain(res, 403, 'Bad_OAuth_Token');
  const org = em.orgs[orgKey];
  if (orgId.slice(0, 15) !== org.orgId.slice(0, 15)) return plain(res, 403, 'Wrong_Org');
  const user = org.users.find((u) => u.id.slice(0, 15) === userId.slice(0, 15));
  if (!user) return plain(res, 404, 'Bad_Id');
  const inst = em.instanceUrl(orgKey);
  const login = em.loginUrl(orgKey);
  sendJson(res, 200, {
    id: em.idUrl(orgKey, user.id),
    asserted_user: user.id === session.userId,
    user_id: user.id,
    organization_id: org.orgId,
    username: user.username,
    nick_name: user.username.split('@')[0],
    display_name: `${user.firstName} ${user.lastName}`,
    email: user.email,
    email_verified: true,
    first_name: user.firstName,
    last_name: user.lastName,
    timezone: 'Etc/UTC',
    photos: { picture: `${inst}/profilephoto/005/F`, thumbnail: `${inst}/profilephoto/005/T` },
    addr_street: null, addr_city: null, addr_state: null, addr_country: null, addr_zip: null,
    mobile_phone: null, mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    urls: {
      enterprise: `${inst}/services/Soap/c/{version}/${org.orgId.slice(0, 15)}`,
      metadata: `${inst}/services/Soap/m/{version}/${org.orgId.slice(0, 15)}`,
      partner: `${inst}/services/Soap/u/{version}/${org.orgId.slice(0, 15)}`,
      rest: `${inst}/services/data/v{version}/`,
      sobjects: `${inst}/services/data/v{version}/sobjects/`,
      search: `${inst}/services/data/v{version}/search/`,
      query: `${inst}/services/data/v{version}/query/`,
      recent: `${inst}/services/data/v{version}/recent/`,
      tooling_soap: `${inst}/services/Soap/T/{version}/${org.orgId.slice(0, 15)}`,
      tooling_rest: `${inst}/services/data/v{version}/tooling/`,
      profile: `${inst}/${user.id}`,
      users: `${inst}/services/data/v{version}/chatter/users`,
      custom_domain: inst,
    },
    active: true,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: 0,
    last_modified_date: '2024-01-01T00:00:00.000+0000',
    is_app_installed: true,
    login_url: login,
  });
}
