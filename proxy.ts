import NextAuth from 'next-auth';
import { authConfig } from './auth.config';

// Only redirects signed-out visitors to the sign-in page; every page, action and route checks the session itself.
export const { auth: proxy } = NextAuth(authConfig);

export const config = {
  matcher: ['/((?!api|_next/static|_next/image|favicon.ico).*)'],
};
