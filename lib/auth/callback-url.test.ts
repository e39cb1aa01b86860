import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './callback-url';

/** Where a browser on the app's origin lands after a redirect to this Location. */
const landsOn = (location: string) => new URL(location, 'https://dic.example.com').origin;

describe('the place to return to after sign-in', () => {
  it('keeps paths on this site, with their query', () => {
    expect(safeCallbackPath('/reports/logins?sort=email&page=2')).toBe('/reports/logins?sort=email&page=2');
    expect(safeCallbackPath(undefined)).toBe('/integrations');
  });

  it.each(['/\\evil.example/phish', '//evil.example/phish', '/\t/evil.example', 'https://evil.example/', '/%5Cevil.example', 'javascript:alert(1)'])(
    'never leaves the site for %j', (url) => {
      expect(landsOn(safeCallbackPath(url))).toBe('https://dic.example.com');
    });
});
