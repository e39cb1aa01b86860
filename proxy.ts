import NextAuth from 'next-auth';
import { authConfig } from './auth.config';
import { getAuthSecret } from '@/lib/config';

const { auth } = NextAuth(() => ({ ...authConfig, secret: getAuthSecret() }));

// Only redirects signed-out visitors to the sign-in page; every page, action and route checks the session itself.
export default auth;

export const config = {
  matcher: ['/((?!api|_next/static|_next/image|favicon.ico).*)'],
};
