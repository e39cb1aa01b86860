import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  serverExternalPackages: ['@electric-sql/pglite', 'pg-boss', 'jsforce', 'pg', 'pino', 'pino-pretty'],
  poweredByHeader: false,
};

export default nextConfig;
