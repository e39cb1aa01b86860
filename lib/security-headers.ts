/**
 * The headers every answer carries (next.config.ts applies them to all routes; proxy.ts to its redirects).
 *
 * The Content-Security-Policy is static rather than nonce-based: Next.js inlines its own bootstrap scripts,
 * and a nonce would force every page to render per request and bypass caching of static assets. The parts
 * that matter most here hold either way: no framing (clickjacking), no plugins, no foreign base URL, and
 * scripts, styles and connections only from this origin.
 */
export function securityHeaders(options: { dev?: boolean } = {}): Array<{ key: string; value: string }> {
  const csp = [
    "default-src 'self'",
    // Next's inline bootstrap scripts need 'unsafe-inline'; the dev server's hot reload also needs eval.
    `script-src 'self' 'unsafe-inline'${options.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${options.dev ? ' ws: wss:' : ''}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
  return [
    { key: 'Content-Security-Policy', value: csp },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  ];
}

/** Strict-Transport-Security, sent only on answers that went out over https (the TLS proxy says so). */
export const HSTS_HEADER = { key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' };
