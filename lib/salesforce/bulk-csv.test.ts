import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { readBulkCsv, writeBulkCsv } from './bulk-csv';

describe('readBulkCsv', () => {
  it('reads Bulk result files: quotes, doubled quotes, commas and line breaks in fields, CRLF, a BOM, empty lines', () => {
    const text = '\ufeff"sf__Id","sf__Error",Name\r\n001A,"FIELD_CUSTOM_VALIDATION_EXCEPTION:Say ""no"", please:Name --",Ana\r\n\r\n001B,,"two\nlines"\n001C,"",\n';
    expect(readBulkCsv(text)).toEqual([
      { sf__Id: '001A', sf__Error: 'FIELD_CUSTOM_VALIDATION_EXCEPTION:Say "no", please:Name --', Name: 'Ana' },
      { sf__Id: '001B', sf__Error: '', Name: 'two\nlines' },
      { sf__Id: '001C', sf__Error: '', Name: '' },
    ]);
  });

  it('answers nothing for an empty file or a header alone', () => {
    expect(readBulkCsv('')).toEqual([]);
    expect(readBulkCsv('Id,Email\n')).toEqual([]);
  });

  it('reads what a CSV writer wrote exactly as a general CSV parser does', () => {
    const rows = Array.from({ length: 300 }, (_, i) => [`00Q${i}`, i % 7 === 0 ? `a,"b"\n${i}` : `x${i}@example.com`, i % 5 === 0 ? '' : String(i * 1.5)]);
    for (const delimiter of ['unix', 'windows'] as const) {
      const text = stringify(rows, { header: true, columns: ['Id', 'Email', 'Score'], record_delimiter: delimiter });
      expect(readBulkCsv(text)).toEqual(parse(text, { columns: true, bom: true, skip_empty_lines: true }));
    }
  });

  it('refuses a quoted field that never ends instead of guessing', () => {
    expect(() => readBulkCsv('Id,Name\n001,"open')).toThrow('never ends');
  });
});

describe('writeBulkCsv', () => {
  it('writes what a general CSV writer writes, and reads back to the same values', () => {
    const header = ['Id', 'Description', 'Score'];
    const rows = [['001A', 'plain', '1'], ['001B', 'a, "quoted" word', ''], ['001C', 'two\nlines\r\nand more', '#N/A'], ['001D', ' spaced ', 'true']];
    const text = writeBulkCsv(header, rows.length, (i) => rows[i]);
    expect(text).toBe(stringify(rows, { header: true, columns: header, record_delimiter: 'unix' }));
    expect(readBulkCsv(text)).toEqual(rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))));
  });
});
