/**
 * Salesforce record ids: 15 case-sensitive characters (3-char key prefix, 2-char pod, 10-char body) plus
 * a 3-character suffix that encodes which of the 15 characters are upper case, so the 18-char form
 * survives case-insensitive systems. The suffix is computed the way Salesforce does it.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 3-character case-safe suffix of a 15-character id. */
export function idSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/** Base62 body of `width` characters for a counter value. */
function base62(n: number, width: number): string {
  let out = '';
  let v = Math.floor(n);
  while (v > 0) {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}

/** A deterministic 18-character id: prefix + pod + counter in base62. */
export function makeId(keyPrefix: string, pod: string, counter: number): string {
  const id15 = keyPrefix + pod + base62(counter, 10);
  return id15 + idSuffix(id15);
}

const ID_SHAPE = /^[0-9A-Za-z]{15}(?:[A-Z0-5]{3})?$/;

/**
 * The 18-character form of a 15- or 18-character id, or null when it is malformed (wrong length,
 * characters, or an 18-char id whose suffix does not match its body, as Salesforce rejects).
 */
export function normalizeId(value: string): string | null {
  if (!ID_SHAPE.test(value)) return null;
  const id15 = value.slice(0, 15);
  const suffix = idSuffix(id15);
  if (value.length === 18 && value.slice(15).toUpperCase() !== suffix) return null;
  return id15 + suffix;
}

/** A random token-like string of base62 characters (for codes, tokens, locators). */
export function randomBase62(length: number, random: () => number = Math.random): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62[Math.floor(random() * 62)];
  return out;
}
