/** Where sign-in goes when no (acceptable) place to return to was given. */
export const DEFAULT_AFTER_SIGN_IN = '/integrations';

const PROBE_ORIGIN = 'http://dic.invalid';

/**
 * The place to return to after sign-in, if it is a path on this site; otherwise the default. The text is
 * resolved as a browser would resolve it (`/\evil.example` and `//evil.example` both leave the site), and only
 * a result on the same origin is kept, rebuilt from its path so nothing before the path survives.
 */
export function safeCallbackPath(url: string | undefined | null): string {
  if (!url || !url.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(url)) return DEFAULT_AFTER_SIGN_IN;
  let resolved: URL;
  try {
    resolved = new URL(url, PROBE_ORIGIN);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (resolved.origin !== PROBE_ORIGIN || resolved.pathname.startsWith('//')) return DEFAULT_AFTER_SIGN_IN;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
