import { describe, expect, it } from 'vitest';
import { csvCell } from './csv-export';

describe('CSV cells', () => {
  it('writes dates as ISO-8601 UTC, nothing for no value, numbers and booleans as they are', () => {
    expect(csvCell(new Date('2026-11-01T08:00:00Z'))).toBe('2026-11-01T08:00:00.000Z');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(true)).toBe('true');
    expect(csvCell('ada@acme.test')).toBe('ada@acme.test');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    for (const text of ['=HYPERLINK("http://evil.example")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(csvCell(text)).toBe(`'${text}`);
    }
  });
});
