import type { z } from 'zod';

/**
 * One thing wrong with an event, kept apart from its wording so the ingestion API can name the field by its
 * JSON path (`properties.score`) and the CSV import by the column the user wrote (`score`).
 */
export interface EventProblem {
  /** Where it is in the event: `['properties', 'score']`; empty for the event as a whole. */
  path: string[];
  /** What is wrong, written to follow the field's name: "must be a whole number from 0 to 10". */
  says: string;
  /** The value that was sent, as shown to the user (`11`, `“eleven”`, `300 characters`). */
  found?: string;
}

/** How a field is called in a message: by its JSON path for the API, by its column for a CSV file. */
export type FieldNaming = (path: string[]) => string;

/** The API's naming: the dotted path, "The event" for the whole. */
export const jsonFieldName: FieldNaming = (path) => (path.length === 0 ? 'The event' : path.join('.'));

/** The CSV import's naming: a property is its own column (`score`, not `properties.score`). */
export const csvColumnName: FieldNaming = (path) => {
  if (path.length === 0) return 'The line';
  return path[0] === 'properties' && path.length > 1 ? path[1] : path[0];
};

/** The problem as a sentence for people: "score must be a whole number from 0 to 10 (found 11)." */
export function problemSentence(problem: EventProblem, naming: FieldNaming): string {
  return `${naming(problem.path)} ${problem.says}${problem.found ? ` (found ${problem.found})` : ''}.`;
}

const SHOWN_TEXT = 40;

/** A sent value as a message quotes it: numbers and booleans as they are, text in quotes and cut when long. */
export function shownValue(value: unknown): string {
  if (typeof value === 'string') return `“${value.length > SHOWN_TEXT ? `${value.slice(0, SHOWN_TEXT)}…` : value}”`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (value && typeof value === 'object') return 'an object';
  return String(value);
}

function isMissing(input: unknown): boolean {
  return input === undefined || input === null || (typeof input === 'string' && input.trim() === '');
}

/**
 * Turns zod issues into problems. The schema's messages say what a field must be ("a whole number from 0 to 10"),
 * so a missing value reads "is missing; it must be …" and a wrong one "must be … (found …)". Parse with
 * `reportInput: true` so each issue carries the value that was sent.
 */
export function problemsFromIssues(error: z.ZodError, prefix: string[] = []): EventProblem[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path.map(String)];
    const input: unknown = issue.input;
    if (issue.code === 'too_big' && typeof input === 'string') {
      return { path, says: `must be ${issue.message}`, found: `${input.length.toLocaleString('en-US')} characters` };
    }
    if (isMissing(input)) return { path, says: `is missing; it must be ${issue.message}` };
    return { path, says: `must be ${issue.message}`, found: shownValue(input) };
  });
}
