/**
 * A small, fast CSV reader for Bulk uploads (RFC 4180 quoting, any one-character delimiter, LF or CRLF)
 * that also reports each row's raw text, so result files can echo rows without re-serializing them.
 * Hand-written rather than csv-parse because a million-row upload must not be the bottleneck.
 */

/** Bulk API 2.0 column delimiter names and their characters. */
export const DELIMITERS: Record<string, string> = {
  COMMA: ',', TAB: '\t', PIPE: '|', SEMICOLON: ';', CARET: '^', BACKQUOTE: '`',
};

/** Reads rows one at a time from a CSV text. */
export class CsvReader {
  private pos = 0;
  /** Position of the next double quote at or after pos (Infinity when none), cached so rows stay O(length). */
  private nextQuote = -1;
  /** Raw text of the row last returned by next(), without its line ending. */
  raw = '';

  constructor(private readonly text: string, private readonly delimiter = ',') {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  /** The next row's cells, or null at the end. Blank lines are skipped. */
  next(): string[] | null {
    const text = this.text;
    const n = text.length;
    while (this.pos < n && (text[this.pos] === '\n' || text[this.pos] === '\r')) this.pos++;
    if (this.pos >= n) return null;
    const start = this.pos;
    let lineEnd = text.indexOf('\n', start);
    if (lineEnd === -1) lineEnd = n;
    if (this.nextQuote < start) {
      const q = text.indexOf('"', start);
      this.nextQuote = q === -1 ? Infinity : q;
    }
    if (this.nextQuote > lineEnd) {
      // Fast path: no quotes on this line.
      let end = lineEnd;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      this.raw = text.slice(start, end);
      this.pos = lineEnd + 1;
      return this.raw.split(this.delimiter);
    }
    return this.quotedRow(start);
  }

  private quotedRow(start: number): string[] {
    const text = this.text;
    const n = text.length;
    const d = this.delimiter;
    const cells: string[] = [];
    let i = start;
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) { cell += text.slice(i); i = n; break; }
          cell += text.slice(i, q);
          if (text[q + 1] === '"') { cell += '"'; i = q + 2; continue; }
          i = q + 1;
          break;
        }
        // Anything between the closing quote and the delimiter is kept, as lenient parsers do.
        while (i < n && text[i] !== d && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      } else {
        while (i < n && text[i] !== d && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      }
      cells.push(cell);
      if (i < n && text[i] === d) { i++; continue; }
      break;
    }
    this.raw = text.slice(start, i);
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    this.pos = i;
    return cells;
  }
}

/** Quotes one value for CSV output the way Salesforce writes result files (always quoted). */
export function quoteCsv(value: string): string {
  return `"${value.includes('"') ? value.replace(/"/g, '""') : value}"`;
}
