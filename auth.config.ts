import type { NextAuthConfig } from 'next-auth';

/**
 * The part of the auth configuration that needs no database, shared by the proxy (which only redirects)
 * and the full configuration in auth.ts.
 */
export const authConfig = {
  pages: { signIn: '/sign-in' },
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  trustHost: true,
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      const path = request.nextUrl.pathname;
      const isPublic = path === '/sign-in' || path === '/setup' || path.startsWith('/api/');
      return isPublic || Boolean(auth?.user);
    },
    jwt({ token, user }) {
      if (user) {
        const u = user as { id: string; workspaceId: string; sessionVersion: number };
        token.uid = u.id;
        token.wid = u.workspaceId;
        token.sv = u.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      const s = session as typeof session & { uid?: string; wid?: string; sv?: number };
      s.uid = token.uid as string;
      s.wid = token.wid as string;
      s.sv = token.sv as number;
      return s;
    },
  },
} satisfies NextAuthConfig;
