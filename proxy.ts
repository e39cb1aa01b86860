import { NextResponse, type NextRequest } from 'next/server';
import { securityHeaders } from './lib/security-headers';

// next-auth's session cookie (plain on http, __Secure- on https; large tokens are split into .0, .1, …).
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/**
 * Sends visitors without a session cookie to sign-in. It only redirects: every page, action and route checks
 * the session itself. It deliberately does not re-issue the session cookie (as next-auth's middleware does),
 * because a slow prefetch answered after sign-out would otherwise sign the user back in.
 */
export function proxy(request: NextRequest) {
  if (request.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name))) return NextResponse.next();
  const url = new URL('/sign-in', request.url);
  url.searchParams.set('callbackUrl', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const redirect = NextResponse.redirect(url);
  // next.config.ts headers do not reach answers the proxy makes itself.
  for (const { key, value } of securityHeaders()) redirect.headers.set(key, value);
  return redirect;
}

export const config = {
  matcher: ['/((?!api|_next/static|_next/image|favicon.ico|icon.svg|sign-in|setup|set-password).*)'],
};
