import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword, DUMMY_PASSWORD_HASH } from './password';
import { generateApiKey, hashApiKey } from './api-key';

describe('password hashing', () => {
  it('verifies the right password only, with a salted hash that hides it', async () => {
    const hash = await hashPassword('Correct-horse-42');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain('Correct-horse-42');
    expect(await hashPassword('Correct-horse-42')).not.toBe(hash);
    expect(await verifyPassword('Correct-horse-42', hash)).toBe(true);
    expect(await verifyPassword('Correct-horse-43', hash)).toBe(false);
    expect(await verifyPassword('anything', DUMMY_PASSWORD_HASH)).toBe(false);
  });

  it('makes API keys whose stored hash does not reveal them', () => {
    const key = generateApiKey();
    expect(key.secret.startsWith(key.prefix)).toBe(true);
    expect(key.hash).toBe(hashApiKey(key.secret));
    expect(key.hash).not.toContain(key.secret.slice(4));
    expect(generateApiKey().secret).not.toBe(key.secret);
  });
});
