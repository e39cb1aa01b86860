/**
 * Payload templates: JSON text with `{{Column}}` tokens, as Gainsight external actions write them. A token
 * inside a JSON string is replaced by the value's text, escaped for JSON; a token outside a string becomes
 * a JSON literal (number, boolean, null, or a quoted string), so `{"score": {{NPS Score}}}` stays valid.
 */

/** A value a report row can hold. */
export type TemplateValue = string | number | boolean | Date | null | undefined;

/** A token found in a template, and whether it sits inside a JSON string. */
export interface TemplateToken {
  name: string;
  inString: boolean;
}

/** Why a template cannot be used; the message names the problem and the fix. */
export class TemplateError extends Error {}

const TOKEN = /^\{\{\s*([^{}]+?)\s*\}\}/;

interface Piece { text?: string; token?: TemplateToken }

/** Splits a template into literal text and tokens, tracking JSON string context. */
function scan(template: string): Piece[] {
  const pieces: Piece[] = [];
  let literal = '';
  let inString = false;
  for (let i = 0; i < template.length; i += 1) {
    const ch = template[i];
    if (ch === '{' && template[i + 1] === '{') {
      const m = TOKEN.exec(template.slice(i));
      if (m) {
        pieces.push({ text: literal }, { token: { name: m[1], inString } });
        literal = '';
        i += m[0].length - 1;
        continue;
      }
    }
    if (inString && ch === '\\') { literal += ch + (template[i + 1] ?? ''); i += 1; continue; }
    if (ch === '"') inString = !inString;
    literal += ch;
  }
  pieces.push({ text: literal });
  return pieces;
}

/** The tokens a template uses, in order (repeats kept once). */
export function templateTokens(template: string): TemplateToken[] {
  const seen = new Map<string, TemplateToken>();
  for (const p of scan(template)) if (p.token && !seen.has(p.token.name)) seen.set(p.token.name, p.token);
  return [...seen.values()];
}

function literalFor(value: TemplateValue): string {
  if (value === undefined || value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  return JSON.stringify(value);
}

function textFor(value: TemplateValue): string {
  if (value === undefined || value === null) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return JSON.stringify(text).slice(1, -1);
}

/**
 * Renders a template with a row's values and returns the JSON text and the parsed payload. Throws
 * TemplateError when a token names no value or the result is not a JSON object.
 */
export function renderTemplate(template: string, values: Record<string, TemplateValue>): { text: string; payload: Record<string, unknown> } {
  let text = '';
  for (const p of scan(template)) {
    if (p.text !== undefined) { text += p.text; continue; }
    const token = p.token!;
    if (!Object.hasOwn(values, token.name)) throw new TemplateError(`The payload uses {{${token.name}}}, which is not a column here. Pick one of the report's columns.`);
    text += token.inString ? textFor(values[token.name]) : literalFor(values[token.name]);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new TemplateError(`The payload is not valid JSON (${(error as Error).message}). Write it as JSON, e.g. {"Email": "{{Email}}"}, or { } to send nothing.`);
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new TemplateError('The payload must be a JSON object in curly brackets, e.g. {"Email": "{{Email}}"}, or { } to send nothing.');
  }
  return { text, payload: payload as Record<string, unknown> };
}

/**
 * Checks a template before it is saved: valid JSON once tokens are filled, and every token one of
 * `columns` (when given). Returns the tokens.
 */
export function checkTemplate(template: string, columns?: readonly string[]): TemplateToken[] {
  const tokens = templateTokens(template);
  if (columns) {
    const unknown = tokens.filter((t) => !columns.includes(t.name));
    if (unknown.length) throw new TemplateError(`Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((t) => `{{${t.name}}}`).join(', ')}. Use the exact column names, e.g. {{${columns[0] ?? 'Email'}}}.`);
  }
  renderTemplate(template, Object.fromEntries(tokens.map((t) => [t.name, t.inString ? 'x' : 0])));
  return tokens;
}

/** A template sending each mapped column under its payload key: the form screen 3 of the wizard builds. */
export function templateFromMappings(mappings: ReadonlyArray<{ column: string; field: string }>): string {
  if (mappings.length === 0) return '{ }';
  const lines = mappings.map((m) => `  ${JSON.stringify(m.field)}: {{${m.column}}}`);
  return `{\n${lines.join(',\n')}\n}`;
}
