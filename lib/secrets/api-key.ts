import crypto from 'node:crypto';

/** A new API key: the full secret (shown once), the prefix kept for display, and the hash kept for lookup. */
export function generateApiKey(): { secret: string; prefix: string; hash: string } {
  const secret = `dic_${crypto.randomBytes(24).toString('base64url')}`;
  return { secret, prefix: secret.slice(0, 10), hash: hashApiKey(secret) };
}

/** API keys are long random strings, so a plain SHA-256 is enough to store them safely. */
export function hashApiKey(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}
