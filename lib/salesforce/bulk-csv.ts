/**
 * Reads the CSV that Bulk API 2.0 answers with (comma-separated, LF or CRLF line ends, fields with commas,
 * quotes or line breaks in double quotes, quotes doubled), one object per row keyed by the header. A
 * hand-written reader: query results and job results run to hundreds of thousands of rows, and a general
 * CSV library spent more CPU on them than the rest of a run's Salesforce traffic. A leading BOM and empty
 * lines are skipped.
 */
export function readBulkCsv(text: string): Array<Record<string, string>> {
  const rows = splitCsv(text);
  if (rows.length === 0) return [];
  const header = rows[0];
  const out: Array<Record<string, string>> = new Array(rows.length - 1);
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r];
    const record: Record<string, string> = {};
    for (let c = 0; c < header.length; c++) record[header[c]] = cells[c] ?? '';
    out[r - 1] = record;
  }
  return out;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** The CSV's rows as arrays of fields, empty lines left out. */
export function splitCsv(input: string): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const n = text.length;
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < n) {
    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      let from = i + 1;
      value = '';
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) throw new Error('The CSV has a quoted field that never ends.');
        value += text.slice(from, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === COMMA || c === LF || c === CR) break;
        j++;
      }
      value = text.slice(i, j);
      i = j;
    }
    row.push(value);
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      // A comma at the very end: one more, empty field.
      if (i === n) row.push('');
      continue;
    }
    if (c === CR) i++;
    if (text.charCodeAt(i) === LF) i++;
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  }
  if (row.length > 0 && !(row.length === 1 && row[0] === '')) rows.push(row);
  return rows;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: in double quotes (quotes doubled) when it holds a comma, a quote or a line break. */
function field(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A header and `count` rows (row i's fields from `row(i)`, so no array of all rows is built) as CSV with LF
 * line ends, for a Bulk API 2.0 upload: the counterpart of readBulkCsv.
 */
export function writeBulkCsv(header: string[], count: number, row: (i: number) => string[]): string {
  let text = `${header.map(field).join(',')}\n`;
  for (let r = 0; r < count; r++) {
    const cells = row(r);
    let line = field(cells[0]);
    for (let c = 1; c < cells.length; c++) line += `,${field(cells[c])}`;
    text += `${line}\n`;
  }
  return text;
}
