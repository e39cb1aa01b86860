import { describe, expect, it } from 'vitest';
import { KeySet } from './key-set';

describe('KeySet', () => {
  it('tells a key seen before from a new one, through many growths of its table', () => {
    const keys = new KeySet();
    for (let i = 0; i < 50_000; i++) expect(keys.add(`person${i}@example.com`)).toBe(true);
    expect(keys.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 997) expect(keys.add(`person${i}@example.com`)).toBe(false);
    expect(keys.add('PERSON1@example.com')).toBe(true);
    expect(keys.add('')).toBe(true);
    expect(keys.add('')).toBe(false);
    expect(keys.size).toBe(50_002);
  });
});
