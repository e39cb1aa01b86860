import { describe, expect, it } from 'vitest';
import { CsvReader } from './bulk/csv';

function all(text: string, delimiter = ','): Array<{ cells: string[]; raw: string }> {
  const reader = new CsvReader(text, delimiter);
  const out = [];
  for (let cells = reader.next(); cells; cells = reader.next()) out.push({ cells, raw: reader.raw });
  return out;
}

describe('Bulk CSV reader', () => {
  it('reads plain rows with LF or CRLF and skips a BOM and blank lines', () => {
    expect(all('\ufeffId,Name\r\n1,a\r\n\r\n2,b')).toEqual([
      { cells: ['Id', 'Name'], raw: 'Id,Name' }, { cells: ['1', 'a'], raw: '1,a' }, { cells: ['2', 'b'], raw: '2,b' },
    ]);
  });

  it('reads quoted cells with delimiters, doubled quotes and line breaks, keeping the raw row', () => {
    const rows = all('Name,Note\n"Quote, Inc","say ""hi""\nthere"\nplain,"x"\n');
    expect(rows.map((r) => r.cells)).toEqual([['Name', 'Note'], ['Quote, Inc', 'say "hi"\nthere'], ['plain', 'x']]);
    expect(rows[1].raw).toBe('"Quote, Inc","say ""hi""\nthere"');
  });

  it('keeps empty cells and honours other delimiters', () => {
    expect(all('a|b|c\n1||#N/A\n', '|').map((r) => r.cells)).toEqual([['a', 'b', 'c'], ['1', '', '#N/A']]);
  });
});
