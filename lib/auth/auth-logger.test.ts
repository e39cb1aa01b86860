// next-auth re-exports this class from @auth/core; importing next-auth itself needs the Next.js server runtime.
import { CredentialsSignin } from '@auth/core/errors';
import { describe, expect, it } from 'vitest';
import { captureLogs } from '@/lib/log-capture';
import { authLogger } from './auth-logger';

describe("next-auth's log lines", () => {
  it('a refused sign-in is one JSON line with its code, not a stack trace', () => {
    const logs = captureLogs();
    try {
      const refused = new CredentialsSignin();
      refused.code = 'rate_limited:12';
      authLogger.error(refused);
    } finally {
      logs.restore();
    }
    expect(logs.text().trim().split('\n')).toHaveLength(1);
    expect(logs.lines()[0]).toMatchObject({ level: 30, event: 'sign_in_refused', code: 'rate_limited:12', msg: 'sign-in refused' });
    expect(logs.text()).not.toContain('    at ');
  });
});
