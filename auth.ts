import NextAuth from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { authConfig } from './auth.config';
import { getAuthSecret } from '@/lib/config';
import { authenticate } from '@/lib/auth/authenticate';
import { getDb } from '@/db';

// Lazy so that the secret is read (or generated in the data folder) when the server runs, not at build time.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...authConfig,
  secret: getAuthSecret(),
  providers: [
    Credentials({
      credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, request) {
        const ip = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || 'local';
        return authenticate(await getDb(), {
          email: String(credentials?.email ?? ''),
          password: String(credentials?.password ?? ''),
          ip,
        });
      },
    }),
  ],
}));
