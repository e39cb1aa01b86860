import { Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse, type CsvError } from 'csv-parse';
import type { Database } from '@/db/client';
import { AppError } from '@/lib/errors';
import { MAX_EVENTS_PER_BATCH, validateEvent } from './event-schema';
import { storeValidEvents, type IndexedEvent } from './ingest';
import { csvColumnName, problemSentence } from './event-problems';

/** A CSV line that was not imported, numbered from 1 with the header as line 1. */
export interface RejectedLine {
  line: number;
  /** Sentences for people that start with the line and name each column as the file does: "Line 4: score must be …". */
  message: string;
}

/** What an import did. Rejected lines were not written at all; every other line was. */
export interface CsvImportResult {
  accepted: number;
  duplicates: number;
  /** The rejected lines in file order, the first `keepRejected` of them when that option is set. */
  rejected: RejectedLine[];
  /** How many lines were rejected in all. */
  rejectedTotal: number;
}

export interface CsvImportOptions {
  /** Keep only this many rejected lines (the earliest), so a file of bad lines cannot fill memory. */
  keepRejected?: number;
}

/** Columns with a meaning of their own; any other column becomes an event property. */
export const CSV_EVENT_COLUMNS = ['userId', 'email', 'type', 'timestamp', 'id'] as const;
const REQUIRED_COLUMNS = ['userId', 'type', 'timestamp'];

// CSV has only text, so the properties the built-in reports read as numbers or booleans are converted for
// those types; custom event types keep their text (a custom report's sum/avg reads only JSON numbers).
const NUMERIC: Record<string, string[]> = { nps: ['score'], course_progress: ['progress'] };
const BOOLEAN: Record<string, string[]> = { course_progress: ['completed'] };

function typedValue(type: string, name: string, text: string): unknown {
  if (NUMERIC[type]?.includes(name)) {
    const n = Number(text);
    return text !== '' && Number.isFinite(n) ? n : text;
  }
  if (BOOLEAN[type]?.includes(name)) {
    const lower = text.toLowerCase();
    if (lower === 'true' || lower === '1' || lower === 'yes') return true;
    if (lower === 'false' || lower === '0' || lower === 'no') return false;
  }
  return text;
}

/** Turns one CSV record into the JSON event the API would receive (empty cells are left out). */
export function csvRecordToEvent(record: Record<string, string>): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  const properties: Record<string, unknown> = {};
  const type = record.type?.trim() ?? '';
  for (const [name, raw] of Object.entries(record)) {
    const value = raw?.trim();
    if (value === '' || value === undefined) continue;
    if ((CSV_EVENT_COLUMNS as readonly string[]).includes(name)) event[name] = value;
    else properties[name] = typedValue(type, name, value);
  }
  if (Object.keys(properties).length > 0) event.properties = properties;
  return event;
}

type CsvInput = string | Buffer | Readable | AsyncIterable<string | Uint8Array>;

/**
 * Imports events from CSV with a header row (userId, type, timestamp required; email, id optional; other
 * columns become properties). The file is parsed as a stream and written in batches of 1,000 through the
 * same validation and insert as the API, so memory stays flat for large files.
 */
export async function importEventsCsv(
  db: Database, workspaceId: string, input: CsvInput, now: Date = new Date(), options: CsvImportOptions = {},
): Promise<CsvImportResult> {
  const keep = options.keepRejected ?? Infinity;
  let rejected: RejectedLine[] = [];
  let rejectedTotal = 0;
  // Parse errors and validation errors arrive slightly out of order, so trimming sorts first.
  const reject = (entry: RejectedLine) => {
    rejectedTotal++;
    rejected.push(entry);
    if (rejected.length > 2 * keep) rejected = rejected.sort((a, b) => a.line - b.line).slice(0, keep);
  };
  let accepted = 0;
  let duplicates = 0;
  let batch: IndexedEvent[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const stored = await storeValidEvents(db, workspaceId, batch);
    accepted += stored.accepted;
    duplicates += stored.duplicates;
    batch = [];
  };

  const source = typeof input === 'string' || Buffer.isBuffer(input) ? Readable.from([input]) : Readable.from(input);
  const normalised = source.pipe(lineEndingsToLf());
  source.on('error', (error) => normalised.destroy(error));
  const parser = normalised.pipe(parse({
    bom: true,
    // Cells are trimmed afterwards (csvRecordToEvent), not by the parser: its trimming turns a stray quote
    // into a quoting error that swallows the following lines.
    skip_empty_lines: true,
    // A stray quote (`"lo"gin`) stays text of its field and fails validation on its own line; strict quoting
    // would instead stay "inside" the quote, report the line twice and swallow the lines after it.
    relax_quotes: true,
    info: true,
    raw: true,
    columns: checkHeader,
    // A malformed line (wrong field count, stray quote) is reported and skipped; the rest goes on.
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      if (error) {
        const line = Number((error as CsvError & { lines?: number }).lines ?? 0);
        reject({ line, message: `Line ${line}: ${csvProblem(error)}` });
      }
      return undefined;
    },
  }));
  normalised.on('error', (error) => parser.destroy(error));

  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number }; raw: string }>) {
      const line = firstLineOf(item.info.lines, item.raw);
      const checked = validateEvent(csvRecordToEvent(item.record), now);
      if (!checked.ok) {
        reject({ line, message: `Line ${line}: ${checked.problems.map((p) => problemSentence(p, csvColumnName)).join(' ')}` });
        continue;
      }
      // The line number stands in for the index, so duplicates and results still point at the file.
      batch.push({ index: line, event: checked.event });
      if (batch.length >= MAX_EVENTS_PER_BATCH) await flush();
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const csvError = error as CsvError & { lines?: number };
    if (csvError.code?.startsWith('CSV_')) {
      const where = csvError.lines ? `Line ${csvError.lines}: ` : '';
      throw new AppError('VALIDATION', `${where}${csvProblem(csvError)} Nothing after this line was imported.`);
    }
    throw error;
  }
  await flush();
  rejected = rejected.sort((a, b) => a.line - b.line).slice(0, keep);
  return { accepted, duplicates, rejected, rejectedTotal };
}

function checkHeader(names: string[]): string[] {
  const header = names.map((n) => n.trim());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new AppError('VALIDATION', `Line 1: the header has no ${listed(missing, 'or')} column. `
      + `Add ${missing.length === 1 ? 'it' : 'them'}: every file needs the columns ${listed(REQUIRED_COLUMNS, 'and')}, spelled as here.`);
  }
  const repeated = header.find((c, i) => header.indexOf(c) !== i);
  if (repeated) throw new AppError('VALIDATION', `Line 1: the header names the column ${repeated} twice. Keep one of them.`);
  return header;
}

/** "a", "a and b", "a, b and c" (or "or"). */
function listed(names: readonly string[], joiner: 'and' | 'or'): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} ${joiner} ${names[names.length - 1]}`;
}

/** What csv-parse found wrong with a line, in words, with the fix. */
function csvProblem(error: CsvError): string {
  const cells = (error as CsvError & { record?: unknown[] }).record?.length;
  const columns = (error as CsvError & { columns?: unknown[] }).columns?.length;
  if (error.code === 'CSV_RECORD_INCONSISTENT_COLUMNS' && cells !== undefined && columns !== undefined) {
    const count = `it has ${cells} ${cells === 1 ? 'cell' : 'cells'} but the header names ${columns} columns`;
    return cells < columns
      ? `${count}. Add the missing cells (empty ones too, with commas), or check for a missing comma.`
      : `${count}. Remove the extra cells, or put quotes around a value that contains a comma.`;
  }
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return 'a quote opened here is never closed. Close it with a second ", or remove it.';
  return 'this line cannot be read as CSV. Check its quotes and commas.';
}

/**
 * csv-parse's line counter and raw text disagree for CRLF files with blank lines, so the text is fed with
 * LF endings only (a CR split from its LF across chunks is held back). Values keep their line breaks as LF.
 */
function lineEndingsToLf(): Transform {
  const decoder = new StringDecoder('utf8');
  let heldCr = false;
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      let text = (heldCr ? '\r' : '') + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
      heldCr = text.endsWith('\r');
      if (heldCr) text = text.slice(0, -1);
      done(null, text.replace(/\r\n/g, '\n'));
    },
    flush(done) {
      done(null, (heldCr ? '\r' : '') + decoder.end());
    },
  });
}

/**
 * csv-parse counts lines up to a record's end; a quoted field with line breaks starts earlier. Blank lines
 * skipped before a record are part of its raw text, so they are dropped before counting.
 */
function firstLineOf(endLine: number, raw: string): number {
  const body = raw.replace(/^\n+/, '').replace(/\n$/, '');
  const breaks = body.match(/\n/g)?.length ?? 0;
  return endLine - breaks;
}
