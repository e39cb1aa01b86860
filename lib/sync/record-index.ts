import { DigestTable } from './key-set';

/** Salesforce record ids as Bulk API returns them: 18 characters. */
const ID_LENGTH = 18;
const INITIAL_RECORDS = 1 << 12;

/**
 * The records of a Bulk key lookup by key, held for one attempt in compact arrays instead of a table or a
 * Map of strings: per key its 16-byte digest (DigestTable), per record its 18-byte id and the next record of
 * the same key. About 50 MB for a million records; a resumed attempt looks the keys up again anyway.
 */
export class RecordIndex {
  private readonly keys = new DigestTable();
  /** Per key entry: its first record + 1 (0: none). */
  private first = new Int32Array(INITIAL_RECORDS);
  /** Per record: the next record of the same key + 1 (0: the last). */
  private next = new Int32Array(INITIAL_RECORDS);
  private ids = Buffer.alloc(INITIAL_RECORDS * ID_LENGTH);
  /** Ids of another length than 18 (not sent by Salesforce's Bulk API, kept all the same). */
  private readonly odd = new Map<number, string>();
  private records = 0;

  /** Records stored (a record with two keys' worth of rows counts once per add). */
  get size(): number {
    return this.records;
  }

  /** Adds a record under its key. */
  add(key: string, recordId: string): void {
    const { entry } = this.keys.add(key);
    if (entry >= this.first.length) this.first = grow(this.first, entry + 1);
    const record = this.records++;
    if (record >= this.next.length) this.next = grow(this.next, record + 1);
    if ((record + 1) * ID_LENGTH > this.ids.length) {
      const ids = Buffer.alloc(this.ids.length * 2);
      this.ids.copy(ids);
      this.ids = ids;
    }
    if (recordId.length === ID_LENGTH) this.ids.write(recordId, record * ID_LENGTH, ID_LENGTH, 'latin1');
    else this.odd.set(record, recordId);
    this.next[record] = this.first[entry];
    this.first[entry] = record + 1;
  }

  /** The distinct record ids of a key, sorted (empty when none). */
  get(key: string): string[] {
    const entry = this.keys.find(key);
    if (entry < 0 || entry >= this.first.length) return [];
    const only = this.first[entry] - 1;
    // Most keys have one record: no set, no sort.
    if (only >= 0 && this.next[only] === 0) return [this.idOf(only)];
    const found = new Set<string>();
    for (let r = this.first[entry]; r !== 0; r = this.next[r - 1]) {
      const record = r - 1;
      found.add(this.idOf(record));
    }
    return [...found].sort();
  }

  private idOf(record: number): string {
    return (this.odd.size > 0 ? this.odd.get(record) : undefined) ?? this.ids.toString('latin1', record * ID_LENGTH, (record + 1) * ID_LENGTH);
  }
}

function grow(array: Int32Array, atLeast: number): Int32Array<ArrayBuffer> {
  let length = array.length * 2;
  while (length < atLeast) length *= 2;
  const grown = new Int32Array(length);
  grown.set(array);
  return grown;
}
