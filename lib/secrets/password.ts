import crypto from 'node:crypto';

// crypto.scrypt is looked up on each call (not bound once), so a test can count the derivations a sign-in performs.
function scrypt(password: string, salt: Buffer, length: number, options: crypto.ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
const PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** Hashes a password with scrypt and a random salt: `scrypt$N$r$p$salt$hash`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password, salt, 32, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/**
 * Checks a password against a stored hash in constant time. A stored value that is no hash (an invited user
 * who has set no password yet) is refused after the same scrypt work against a dummy hash, so how long the
 * answer takes does not reveal such accounts.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (!isPasswordHash(stored)) {
    await verifyPassword(password, DUMMY_PASSWORD_HASH);
    return false;
  }
  const [, n, r, p, salt, hash] = stored.split('$');
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem,
  });
  return crypto.timingSafeEqual(expected, actual);
}

function isPasswordHash(stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  return scheme === 'scrypt' && [n, r, p].every((v) => Number.isInteger(Number(v)) && Number(v) > 0) && !!salt && !!hash;
}

/** A hash of nothing, verified against when the email is unknown so timing does not reveal which emails exist. */
export const DUMMY_PASSWORD_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
