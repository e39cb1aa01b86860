import crypto from 'node:crypto';

const WORDS = 4; // 128 bits of MD5 per key
const INITIAL_SLOTS = 1 << 12;

/**
 * The keys a run has claimed, to find a second report row with the same key wherever it comes in the stream.
 * Holds each key's 128-bit digest in open-addressed typed arrays (16 bytes a key, about 32 MB for a million
 * keys) instead of the strings themselves; two different keys share a digest with odds of about 10^-26
 * at a million keys.
 */
export class KeySet {
  private table = new Uint32Array(INITIAL_SLOTS * WORDS);
  private slots = INITIAL_SLOTS;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds the key; false when it was already there. */
  add(key: string): boolean {
    const d = crypto.hash('md5', key, 'buffer');
    // An all-zero slot means empty: a digest of all zeros is nudged (the odds of that are 2^-128).
    const w0 = d.readUInt32LE(0) || 1;
    const w1 = d.readUInt32LE(4);
    const w2 = d.readUInt32LE(8);
    const w3 = d.readUInt32LE(12);
    if (!this.insert(this.table, this.slots, w0, w1, w2, w3)) return false;
    this.count++;
    if (this.count * 2 > this.slots) this.grow();
    return true;
  }

  private insert(table: Uint32Array, slots: number, w0: number, w1: number, w2: number, w3: number): boolean {
    const mask = slots - 1;
    for (let i = w1 & mask; ; i = (i + 1) & mask) {
      const at = i * WORDS;
      if (table[at] === 0) {
        table[at] = w0;
        table[at + 1] = w1;
        table[at + 2] = w2;
        table[at + 3] = w3;
        return true;
      }
      if (table[at] === w0 && table[at + 1] === w1 && table[at + 2] === w2 && table[at + 3] === w3) return false;
    }
  }

  private grow(): void {
    const old = this.table;
    const slots = this.slots * 2;
    const table = new Uint32Array(slots * WORDS);
    for (let at = 0; at < old.length; at += WORDS) {
      if (old[at] !== 0) this.insert(table, slots, old[at], old[at + 1], old[at + 2], old[at + 3]);
    }
    this.table = table;
    this.slots = slots;
  }
}
