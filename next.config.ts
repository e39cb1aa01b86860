import type { NextConfig } from 'next';
import { HSTS_HEADER, securityHeaders } from './lib/security-headers';

// .ci/run type-checks before it builds (`npm run typecheck`, with the route types of `next typegen`) and builds a
// fresh clone once: DIC_CI=1 leaves out the build's second type check and the cache it writes for a next build.
const ci = process.env.DIC_CI === '1';

const nextConfig: NextConfig = {
  typescript: { ignoreBuildErrors: ci },
  experimental: { turbopackFileSystemCacheForBuild: !ci },
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
