import crypto from 'node:crypto';
import { getEncryptionKeySpec } from '@/lib/config';

/** Raised when a ciphertext cannot be opened: unknown key id, wrong key, or tampering. */
export class DecryptionError extends Error {
  readonly code = 'DECRYPTION_FAILED';
}

export interface KeyRing { current: string; keys: Map<string, Buffer> }

/** Parses `id:base64key[,id:base64key…]`. Each key must be 32 bytes (AES-256). */
export function parseKeyRing(spec: string): KeyRing {
  const keys = new Map<string, Buffer>();
  let current = '';
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [id, encoded] = part.split(':', 2);
    const key = Buffer.from(encoded ?? '', 'base64');
    if (!id || !/^[A-Za-z0-9_-]+$/.test(id) || key.length !== 32) {
      throw new Error('DIC_ENCRYPTION_KEYS must be "id:base64key" pairs, each key 32 random bytes in base64.');
    }
    keys.set(id, key);
    current ||= id;
  }
  if (!current) throw new Error('DIC_ENCRYPTION_KEYS is empty.');
  return { current, keys };
}

let ring: KeyRing | undefined;
function defaultRing(): KeyRing {
  ring ??= parseKeyRing(getEncryptionKeySpec());
  return ring;
}

/** Encrypts with AES-256-GCM under the current key. Output: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url). */
export function encryptSecret(plaintext: string, keys: KeyRing = defaultRing()): string {
  const key = keys.keys.get(keys.current)!;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`v1.${keys.current}`));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', keys.current, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** Opens a value made by `encryptSecret`, with whichever key of the ring its key id names. */
export function decryptSecret(sealed: string, keys: KeyRing = defaultRing()): string {
  const [version, keyId, iv, tag, body] = sealed.split('.');
  const key = keyId ? keys.keys.get(keyId) : undefined;
  if (version !== 'v1' || !key || !iv || !tag || body === undefined) {
    throw new DecryptionError(`Cannot decrypt: ${key ? 'malformed value' : `key "${keyId}" is not in DIC_ENCRYPTION_KEYS`}.`);
  }
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(`v1.${keyId}`));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptionError('Cannot decrypt: the value was altered or the key is wrong.');
  }
}

/** True when a value was sealed with a key other than the current one and should be re-encrypted. */
export function needsRotation(sealed: string, keys: KeyRing = defaultRing()): boolean {
  return sealed.split('.')[1] !== keys.current;
}
