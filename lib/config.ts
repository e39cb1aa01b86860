import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseTrustedProxies } from '@/lib/auth/client-address';

/** Thrown at start-up when the environment is incomplete or wrong; the message names the variable and the fix. */
export class ConfigError extends Error {
  readonly code = 'CONFIG';
}

const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  DIC_DATA_DIR: z.string().min(1).default('.data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters (try `openssl rand -base64 32`)').optional(),
  DIC_ENCRYPTION_KEYS: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DIC_EMBEDDED_WORKER: z.enum(['true', 'false']).optional(),
  APP_URL: z.string().url().optional(),
  SALESFORCE_CLIENT_ID: z.string().min(1).optional(),
  SALESFORCE_CLIENT_SECRET: z.string().min(1).optional(),
  DIC_DEMO_SALESFORCE_PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  DIC_OUTBOUND_ALLOWLIST: z.string().default('').refine((v) => v.split(',').map((s) => s.trim()).filter(Boolean).every(isOrigin), {
    message: 'list origins like http://127.0.0.1:8788 separated by commas (scheme, host and port only)',
  }),
  DIC_DEMO_CONNECTORS: z.enum(['true', 'false']).optional(),
  DIC_DEMO_QUALTRICS_PORT: z.coerce.number().int().min(0).max(65535).default(8788),
  DIC_DEMO_GAINSIGHT_PORT: z.coerce.number().int().min(0).max(65535).default(8789),
  DIC_TRUSTED_PROXIES: z.string().optional().superRefine((spec, ctx) => {
    try {
      parseTrustedProxies(spec);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `${(error as Error).message}; list your reverse proxies' addresses separated by commas` });
    }
  }),
}).refine((env) => Boolean(env.SALESFORCE_CLIENT_ID) === Boolean(env.SALESFORCE_CLIENT_SECRET), {
  message: 'set both SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET (from your Connected App), or neither to use the demo org',
  path: ['SALESFORCE_CLIENT_SECRET'],
});

/** Every environment variable the app reads (README.md's Configuration table names each; docs/architecture.test.ts checks). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}

export type AppConfig = z.infer<typeof envSchema> & {
  dataDir: string; embedded: boolean; appUrl: string;
  /** Origins outbound connector calls may reach although private (DIC_OUTBOUND_ALLOWLIST). */
  outboundAllowlist: string[];
  /** Whether the demo Qualtrics and Gainsight emulators run inside the server (default: embedded only). */
  demoConnectors: boolean;
};

let cached: AppConfig | undefined;

/** The validated environment. */
export function getConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  if (cached && env === process.env) return cached;
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Configuration variable ${issue.path.join('.')} is invalid: ${issue.message}`);
  }
  const config = {
    ...parsed.data,
    dataDir: path.resolve(parsed.data.DIC_DATA_DIR),
    embedded: !parsed.data.DATABASE_URL,
    appUrl: (parsed.data.APP_URL ?? `http://localhost:${parsed.data.PORT}`).replace(/\/$/, ''),
    outboundAllowlist: parsed.data.DIC_OUTBOUND_ALLOWLIST.split(',').map((s) => s.trim()).filter(Boolean).map((s) => new URL(s).origin),
    demoConnectors: parsed.data.DIC_DEMO_CONNECTORS ? parsed.data.DIC_DEMO_CONNECTORS === 'true' : !parsed.data.DATABASE_URL,
  };
  if (env === process.env) cached = config;
  return config;
}

interface LocalSecrets { authSecret: string; encryptionKeys: string }

/**
 * The embedded default keeps a generated AUTH_SECRET and encryption key in the data folder (mode 0600),
 * made once on first start. With DATABASE_URL (production) both must come from the environment.
 */
function localSecrets(config: AppConfig): LocalSecrets {
  const file = path.join(config.dataDir, 'secrets.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as LocalSecrets;
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const created: LocalSecrets = {
    authSecret: crypto.randomBytes(32).toString('base64url'),
    encryptionKeys: `k1:${crypto.randomBytes(32).toString('base64')}`,
  };
  try {
    fs.writeFileSync(file, JSON.stringify(created, null, 2), { flag: 'wx', mode: 0o600 });
    return created;
  } catch {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LocalSecrets;
  }
}

/** The secret next-auth signs and encrypts session cookies with. */
export function getAuthSecret(config = getConfig()): string {
  if (config.AUTH_SECRET) return config.AUTH_SECRET;
  if (!config.embedded) throw new ConfigError('AUTH_SECRET is required when DATABASE_URL is set: generate one with `openssl rand -base64 32`.');
  return localSecrets(config).authSecret;
}

/** Encryption keys as `id:base64key` pairs separated by commas; the first one encrypts, all decrypt. */
export function getEncryptionKeySpec(config = getConfig()): string {
  if (config.DIC_ENCRYPTION_KEYS) return config.DIC_ENCRYPTION_KEYS;
  if (!config.embedded) {
    throw new ConfigError('DIC_ENCRYPTION_KEYS is required when DATABASE_URL is set, as "k1:<base64 of 32 random bytes>" (try `echo k1:$(openssl rand -base64 32)`).');
  }
  return localSecrets(config).encryptionKeys;
}

/**
 * The demo org's Connected App secret. Derived from the auth secret (HMAC), so every process of an
 * installation (the web process that runs the demo org, the embedded worker, `npm run worker`) computes the
 * same value without storing another secret.
 */
export function getDemoSalesforceClientSecret(config = getConfig()): string {
  return crypto.createHmac('sha256', getAuthSecret(config)).update('dic-demo-salesforce-connected-app').digest('base64url');
}
