import { describe, expect, it } from 'vitest';
import { formatDuration, formatRelative } from './format';

describe('times in words', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  it('says how long ago or until, never "in a moment" for now itself', () => {
    expect(formatRelative(now, now)).toBe('just now');
    expect(formatRelative(new Date('2026-12-01T12:00:30Z'), now)).toBe('in a moment');
    expect(formatRelative(new Date('2026-12-01T11:55:00Z'), now)).toBe('5 min ago');
    expect(formatRelative(new Date('2026-12-01T20:00:00Z'), now)).toBe('in 8 h');
    expect(formatRelative(new Date('2026-11-30T12:00:00Z'), now)).toBe('1 day ago');
    expect(formatRelative(new Date('2026-11-28T12:00:00Z'), now)).toBe('3 days ago');
  });
  it('gives runtimes in the largest units that fit', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(42_400)).toBe('42 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(3_720_000)).toBe('1 h 2 min');
    expect(formatDuration(null)).toBe('');
  });
});
