import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionError, decryptSecret, encryptSecret, needsRotation, parseKeyRing } from './cipher';

const key = () => crypto.randomBytes(32).toString('base64');

describe('secrets cipher (AES-256-GCM with key ids)', () => {
  const k1 = key();
  const k2 = key();
  const old = parseKeyRing(`k1:${k1}`);
  const rotated = parseKeyRing(`k2:${k2},k1:${k1}`);

  it('round-trips and never contains the plaintext', () => {
    const sealed = encryptSecret('refresh-token-value', old);
    expect(sealed).not.toContain('refresh-token-value');
    expect(sealed.split('.')[1]).toBe('k1');
    expect(decryptSecret(sealed, old)).toBe('refresh-token-value');
    expect(encryptSecret('same', old)).not.toBe(encryptSecret('same', old));
  });

  it('decrypts old values after rotation and encrypts new ones with the new key', () => {
    const sealedOld = encryptSecret('a', old);
    expect(decryptSecret(sealedOld, rotated)).toBe('a');
    expect(needsRotation(sealedOld, rotated)).toBe(true);
    const sealedNew = encryptSecret('b', rotated);
    expect(sealedNew.split('.')[1]).toBe('k2');
    expect(needsRotation(sealedNew, rotated)).toBe(false);
  });

  it('refuses tampered values, unknown keys and bad key specs with a clear error', () => {
    const sealed = encryptSecret('secret', old);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => decryptSecret(parts.join('.'), old)).toThrow(DecryptionError);
    expect(() => decryptSecret(encryptSecret('x', parseKeyRing(`k9:${key()}`)), old)).toThrow(/key "k9" is not in DIC_ENCRYPTION_KEYS/);
    expect(() => parseKeyRing('k1:tooshort')).toThrow(/32 random bytes/);
  });
});
