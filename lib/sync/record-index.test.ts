import { describe, expect, it } from 'vitest';
import { RecordIndex } from './record-index';

const id = (i: number) => `00Q${String(i).padStart(15, '0')}`;

describe('RecordIndex', () => {
  it('gives every key its records, sorted and once each, through many growths, and nothing for an unknown key', () => {
    const index = new RecordIndex();
    for (let i = 0; i < 30_000; i++) index.add(`person${i}@example.com`, id(i));
    // Every 1,000th person has a second record, added later; one record comes twice (two pages of a lookup).
    for (let i = 0; i < 30_000; i += 1_000) index.add(`person${i}@example.com`, id(100_000 + i));
    index.add('person5@example.com', id(5));
    expect(index.get('person7@example.com')).toEqual([id(7)]);
    expect(index.get('person2000@example.com')).toEqual([id(2000), id(102_000)]);
    expect(index.get('person5@example.com')).toEqual([id(5)]);
    expect(index.get('person29999@example.com')).toEqual([id(29_999)]);
    expect(index.get('nobody@example.com')).toEqual([]);
    expect(index.get('PERSON7@example.com')).toEqual([]);
  });

  it('keeps ids of another length than 18 as they are', () => {
    const index = new RecordIndex();
    index.add('a', '001000000000001');
    index.add('a', id(1));
    expect(index.get('a')).toEqual(['001000000000001', id(1)].sort());
  });
});
