import type { NextConfig } from 'next';
import { HSTS_HEADER, securityHeaders } from './lib/security-headers';

const nextConfig: NextConfig = {
  serverExternalPackages: ['@electric-sql/pglite', 'pg-boss', 'jsforce', 'pg', 'pino'],
  poweredByHeader: false,
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders({ dev: process.env.NODE_ENV === 'development' }) },
      // Behind a TLS-terminating proxy (which sets X-Forwarded-Proto), browsers are told to stay on https.
      { source: '/:path*', has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }], headers: [HSTS_HEADER] },
    ];
  },
};

export default nextConfig;
