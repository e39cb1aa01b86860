import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getAuthSecret, getConfig } from '@/lib/config';
import { SignInRefused, authenticate } from '@/lib/auth/authenticate';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { SESSION_LIFETIME_SECONDS, encodeWithinLifetime, type SessionClaims } from '@/lib/auth/session-lifetime';
import { createAuthSession, revokeAuthSession } from '@/db/queries/auth-sessions';
import { clientAddress, parseTrustedProxies } from '@/lib/auth/client-address';
import { getDb } from '@/lib/database';
import { authLogger } from '@/lib/auth/auth-logger';

// Lazy so that the secret is read (or generated in the data folder) when the server runs, not at build time.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  pages: { signIn: '/sign-in' },
  session: { strategy: 'jwt', maxAge: SESSION_LIFETIME_SECONDS },
  jwt: { encode: (params) => encodeWithinLifetime(params) },
  trustHost: true,
  secret: getAuthSecret(),
  logger: authLogger,
  callbacks: {
    // Only same-origin places to go after sign-in or sign-out, whatever reached next-auth.
    redirect({ url, baseUrl }) {
      const target = new URL(url, baseUrl);
      return target.origin === new URL(baseUrl).origin ? `${baseUrl}${safeCallbackPath(`${target.pathname}${target.search}`)}` : baseUrl;
    },
    // The token carries who, where, which session version and which session row; getSessionUser checks
    // them all against the database. The session row is made at sign-in with its absolute end.
    async jwt({ token, user }) {
      if (user) {
        const u = user as { id: string; workspaceId: string; sessionVersion: number };
        const end = Math.floor(Date.now() / 1000) + SESSION_LIFETIME_SECONDS;
        const claims: SessionClaims = {
          uid: u.id, wid: u.workspaceId, sv: u.sessionVersion, end,
          sid: await createAuthSession(await getDb(), u.id, new Date(end * 1000)),
        };
        Object.assign(token, claims);
      }
      return token;
    },
    session({ session, token }) {
      const claims = token as SessionClaims;
      return Object.assign(session, { uid: claims.uid, wid: claims.wid, sv: claims.sv, sid: claims.sid });
    },
  },
  events: {
    // Sign-out ends the session row, so the cookie stops working even where it was copied to.
    async signOut(message) {
      const sid = 'token' in message ? (message.token as SessionClaims | null)?.sid : undefined;
      if (sid) await revokeAuthSession(await getDb(), sid);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, request) {
        const ip = clientAddress(request.headers, parseTrustedProxies(getConfig().DIC_TRUSTED_PROXIES));
        try {
          return await authenticate(await getDb(), {
            email: String(credentials?.email ?? ''),
            password: String(credentials?.password ?? ''),
            ip,
          });
        } catch (error) {
          if (!(error instanceof SignInRefused)) throw error;
          // next-auth passes a CredentialsSignin's code back to signIn's caller, which picks the message.
          const refused = new CredentialsSignin();
          refused.code = error.wireCode;
          throw refused;
        }
      },
    }),
  ],
}));
