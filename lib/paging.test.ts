import { describe, expect, it } from 'vitest';
import { lastPageIfPast, pageCount } from './paging';

describe('pages of a list', () => {
  it('counts the pages rows fill, with one page for no rows', () => {
    expect([pageCount(0, 50), pageCount(1, 50), pageCount(50, 50), pageCount(1_913, 50)]).toEqual([1, 1, 1, 39]);
  });

  it('sends a page past the last to the last, and leaves a page that exists alone', () => {
    expect(lastPageIfPast(9999, 1_913, 50)).toBe(39);
    expect(lastPageIfPast(40, 1_913, 50)).toBe(39);
    expect(lastPageIfPast(39, 1_913, 50)).toBeNull();
    expect(lastPageIfPast(1, 0, 50)).toBeNull();
    expect(lastPageIfPast(3, 0, 50)).toBe(1);
  });
});
