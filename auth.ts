import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getAuthSecret } from '@/lib/config';
import { SignInRefused, authenticate } from '@/lib/auth/authenticate';
import { getDb } from '@/db';

// Lazy so that the secret is read (or generated in the data folder) when the server runs, not at build time.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  pages: { signIn: '/sign-in' },
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  trustHost: true,
  secret: getAuthSecret(),
  callbacks: {
    // The token carries who, where and which session version; getSessionUser checks all three against the database.
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
      return Object.assign(session, { uid: token.uid, wid: token.wid, sv: token.sv });
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, request) {
        const ip = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || 'local';
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
          refused.code = error.code;
          throw refused;
        }
      },
    }),
  ],
}));
