import crypto from 'node:crypto';

const WORDS = 4; // the first 128 bits of a key's SHA-256
/**
 * SHA-256 rather than MD5, at the same cost per key here: keys come from end users' data (e-mails, User IDs sent
 * to the events API), and MD5 collisions can be made on purpose; two keys sharing a digest would make one row a
 * duplicate of the other, or send its values to the other's records.
 */
const DIGEST = 'sha256';
const INITIAL_ENTRIES = 1 << 12;

/**
 * Four digest bytes as an unsigned little-endian word. The digest comes as a 'binary' (latin1) string, one
 * character a byte: a short string costs the heap far less than the Buffer the 'buffer' output allocates.
 */
const word = (d: string, at: number): number =>
  (d.charCodeAt(at) | (d.charCodeAt(at + 1) << 8) | (d.charCodeAt(at + 2) << 16) | (d.charCodeAt(at + 3) << 24)) >>> 0;

/**
 * Keys numbered in the order they were first added, held as their 128-bit digests instead of the strings:
 * 16 bytes a key in a growing array, plus a 4-byte slot of an open-addressed table at most half full (about
 * 30 MB for a million keys). Two different keys share a digest with odds of about 10^-26 at a million keys.
 */
export class DigestTable {
  private digests = new Uint32Array(INITIAL_ENTRIES * WORDS);
  /** Entry number + 1 per slot; 0 is an empty slot. */
  private slots = new Int32Array(INITIAL_ENTRIES * 2);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The key's entry number, or -1 when it was never added. */
  find(key: string): number {
    const d = crypto.hash(DIGEST, key, 'binary');
    return this.probe(word(d, 0), word(d, 4), word(d, 8), word(d, 12), false);
  }

  /** The key's entry number, added as the next one when new; `added` says which. */
  add(key: string): { entry: number; added: boolean } {
    const before = this.count;
    const d = crypto.hash(DIGEST, key, 'binary');
    const entry = this.probe(word(d, 0), word(d, 4), word(d, 8), word(d, 12), true);
    return { entry, added: this.count > before };
  }

  private probe(w0: number, w1: number, w2: number, w3: number, insert: boolean): number {
    const mask = this.slots.length - 1;
    for (let i = w1 & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i];
      if (slot === 0) {
        if (!insert) return -1;
        return this.append(i, w0, w1, w2, w3);
      }
      const at = (slot - 1) * WORDS;
      const d = this.digests;
      if (d[at] === w0 && d[at + 1] === w1 && d[at + 2] === w2 && d[at + 3] === w3) return slot - 1;
    }
  }

  private append(slot: number, w0: number, w1: number, w2: number, w3: number): number {
    const entry = this.count++;
    if ((entry + 1) * WORDS > this.digests.length) {
      const grown = new Uint32Array(this.digests.length * 2);
      grown.set(this.digests);
      this.digests = grown;
    }
    const at = entry * WORDS;
    const d = this.digests;
    d[at] = w0;
    d[at + 1] = w1;
    d[at + 2] = w2;
    d[at + 3] = w3;
    this.slots[slot] = entry + 1;
    if (this.count * 2 > this.slots.length) this.rehash();
    return entry;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.count; entry++) {
      let i = this.digests[entry * WORDS + 1] & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = entry + 1;
    }
    this.slots = slots;
  }
}

/** The keys a run has claimed, to find a second report row with the same key wherever it comes in the stream. */
export class KeySet {
  private readonly table = new DigestTable();

  get size(): number {
    return this.table.size;
  }

  /** Adds the key; false when it was already there. */
  add(key: string): boolean {
    return this.table.add(key).added;
  }
}
