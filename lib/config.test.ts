import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, getAuthSecret, getConfig, getEncryptionKeySpec } from './config';

const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'dic-config-'));
}

describe('configuration', () => {
  it('embedded default: generates the auth secret and encryption key once, kept in the data folder', () => {
    const dir = tempDir();
    const config = getConfig(env({ DIC_DATA_DIR: dir }));
    const secret = getAuthSecret(config);
    const keys = getEncryptionKeySpec(config);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(keys).toMatch(/^k1:/);
    expect(getAuthSecret(getConfig(env({ DIC_DATA_DIR: dir })))).toBe(secret);
    expect(fs.statSync(path.join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('production (DATABASE_URL): refuses to start without AUTH_SECRET and DIC_ENCRYPTION_KEYS, naming the fix', () => {
    const config = getConfig(env({ DATABASE_URL: 'postgres://db.example/dic', DIC_DATA_DIR: tempDir() }));
    expect(() => getAuthSecret(config)).toThrow(ConfigError);
    expect(() => getAuthSecret(config)).toThrow(/AUTH_SECRET is required when DATABASE_URL is set/);
    expect(() => getEncryptionKeySpec(config)).toThrow(/DIC_ENCRYPTION_KEYS is required/);
  });

  it('names the variable that is wrong', () => {
    expect(() => getConfig(env({ PORT: 'eighty' }))).toThrow(/PORT/);
    expect(() => getConfig(env({ AUTH_SECRET: 'short' }))).toThrow(/AUTH_SECRET must be at least 32 characters/);
  });
});
