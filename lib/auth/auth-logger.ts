import { logger } from '@/lib/log';

/**
 * next-auth's logger, routed into the app's: its default prints multi-line stack traces for every refused
 * sign-in. A refused sign-in is expected and becomes one info line; other errors go through the app's error
 * serializer (type, code, stack frames; no parameters). next-auth's debug output includes tokens: dropped.
 */
export const authLogger = {
  error(error: Error & { type?: string; code?: string }) {
    if (error.type === 'CredentialsSignin') logger.info({ event: 'sign_in_refused', code: error.code }, 'sign-in refused');
    else logger.error({ err: error, authErrorType: error.type }, 'authentication error');
  },
  warn(code: string) { logger.warn({ code }, 'authentication warning'); },
  debug() { /* dropped: it includes tokens */ },
};
