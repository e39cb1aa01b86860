/**
 * A parser for the SOQL subset the product uses: plain field lists or COUNT(), one object, WHERE with
 * comparison, IN/NOT IN, LIKE, AND/OR/NOT and parentheses, ORDER BY, LIMIT and OFFSET. Errors carry the
 * column so messages look like Salesforce's ("ERROR at Row:1:Column:N").
 */
import { parseDatetime } from '../model/values';

/** A literal on the right-hand side of a condition. */
export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'date'; value: string }
  | { kind: 'datetime'; ms: number }
  | { kind: 'dateLiteral'; name: string; n: number };

/** Comparison operators (`<>` is read as `!=`). */
export type CompareOp = '=' | '!=' | '<' | '>' | '<=' | '>=';

/** A WHERE condition. `pos` is the column of its field, for error messages. */
export type Condition =
  | { type: 'and' | 'or'; items: Condition[] }
  | { type: 'not'; item: Condition }
  | { type: 'compare'; field: string; pos: number; op: CompareOp; value: Literal }
  | { type: 'in'; field: string; pos: number; negated: boolean; values: Literal[] }
  | { type: 'like'; field: string; pos: number; pattern: string };

/** One ORDER BY term. */
export interface OrderItem { field: string; pos: number; desc: boolean; nullsLast: boolean }

/** A parsed query. `fields` is empty for COUNT(). */
export interface ParsedQuery {
  count: boolean;
  fields: Array<{ name: string; pos: number }>;
  object: string;
  objectPos: number;
  where: Condition | null;
  orderBy: OrderItem[];
  limit: number | null;
  offset: number | null;
}

/** A query that cannot be parsed or does not fit the schema; `code` is the Salesforce errorCode. */
export class SoqlError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

interface Token { kind: 'ident' | 'string' | 'number' | 'date' | 'datetime' | 'op' | 'punct' | 'end'; text: string; pos: number }

const TOKEN = /\s*(?:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}))|(\d{4}-\d{2}-\d{2})(?![\d:T])|('(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_.]*)|(!=|<>|<=|>=|=|<|>)|([(),:]))/y;

function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < soql.length) {
    if (/^\s*$/.test(soql.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(soql);
    if (!m) {
      const pos = at + (soql.slice(at).length - soql.slice(at).trimStart().length);
      throw new SoqlError('MALFORMED_QUERY', located(soql, pos, `unexpected token: '${soql.slice(pos).split(/\s/)[0]}'`));
    }
    const text = m[0].trim();
    const pos = m.index + m[0].length - text.length;
    const kind: Token['kind'] = m[1] ? 'datetime' : m[2] ? 'date' : m[3] ? 'string' : m[4] ? 'number' : m[5] ? 'ident' : m[6] ? 'op' : 'punct';
    tokens.push({ kind, text, pos });
    at = TOKEN.lastIndex;
  }
  tokens.push({ kind: 'end', text: '', pos: soql.length });
  return tokens;
}

/** Formats a message the way Salesforce points at a position in the query. */
export function located(soql: string, pos: number, message: string): string {
  const line = soql.replace(/\s+/g, ' ').slice(Math.max(0, pos - 40), pos + 40);
  const caret = ' '.repeat(Math.min(pos, 40)) + '^';
  return `${line}\n${caret}\nERROR at Row:1:Column:${pos + 1}\n${message}`;
}

const DATE_LITERALS = new Set(['TODAY', 'YESTERDAY', 'TOMORROW', 'LAST_N_DAYS', 'NEXT_N_DAYS', 'THIS_MONTH', 'LAST_MONTH', 'THIS_YEAR']);

class Parser {
  private i = 0;
  constructor(private readonly soql: string, private readonly tokens: Token[]) {}

  private peek(): Token { return this.tokens[this.i]; }
  private next(): Token { return this.tokens[this.i++]; }
  private isWord(word: string, t = this.peek()): boolean { return t.kind === 'ident' && t.text.toUpperCase() === word; }
  private fail(t: Token, message?: string): never {
    throw new SoqlError('MALFORMED_QUERY', located(this.soql, t.pos, message ?? (t.kind === 'end' ? 'unexpected end of query' : `unexpected token: '${t.text}'`)));
  }
  private expectWord(word: string): Token {
    const t = this.next();
    if (!this.isWord(word, t)) this.fail(t);
    return t;
  }
  private expectPunct(p: string): void {
    const t = this.next();
    if (t.kind !== 'punct' || t.text !== p) this.fail(t);
  }
  private fieldName(): { name: string; pos: number } {
    const t = this.next();
    if (t.kind !== 'ident') this.fail(t);
    return { name: t.text, pos: t.pos };
  }

  parse(): ParsedQuery {
    this.expectWord('SELECT');
    const q: ParsedQuery = { count: false, fields: [], object: '', objectPos: 0, where: null, orderBy: [], limit: null, offset: null };
    if (this.isWord('COUNT') && this.tokens[this.i + 1]?.text === '(') {
      this.i++;
      this.expectPunct('(');
      this.expectPunct(')');
      q.count = true;
    } else {
      do {
        if (this.isWord('FROM')) this.fail(this.peek());
        q.fields.push(this.fieldName());
      } while (this.peek().text === ',' && this.next());
    }
    this.expectWord('FROM');
    const obj = this.fieldName();
    q.object = obj.name;
    q.objectPos = obj.pos;
    if (this.isWord('WHERE')) { this.i++; q.where = this.orExpr(); }
    if (this.isWord('ORDER')) {
      this.i++;
      this.expectWord('BY');
      do q.orderBy.push(this.orderItem()); while (this.peek().text === ',' && this.next());
    }
    if (this.isWord('LIMIT')) { this.i++; q.limit = this.integer(); }
    if (this.isWord('OFFSET')) { this.i++; q.offset = this.integer(); }
    if (this.peek().kind !== 'end') this.fail(this.peek());
    return q;
  }

  private integer(): number {
    const t = this.next();
    if (t.kind !== 'number' || !/^\d+$/.test(t.text)) this.fail(t);
    return Number(t.text);
  }

  private orderItem(): OrderItem {
    const f = this.fieldName();
    let desc = false;
    if (this.isWord('ASC')) this.i++;
    else if (this.isWord('DESC')) { this.i++; desc = true; }
    let nullsLast = desc;
    if (this.isWord('NULLS')) {
      this.i++;
      if (this.isWord('FIRST')) nullsLast = false;
      else if (this.isWord('LAST')) nullsLast = true;
      else this.fail(this.peek());
      this.i++;
    }
    return { field: f.name, pos: f.pos, desc, nullsLast };
  }

  private orExpr(): Condition {
    const items = [this.andExpr()];
    while (this.isWord('OR')) { this.i++; items.push(this.andExpr()); }
    return items.length === 1 ? items[0] : { type: 'or', items };
  }

  private andExpr(): Condition {
    const items = [this.notExpr()];
    while (this.isWord('AND')) { this.i++; items.push(this.notExpr()); }
    return items.length === 1 ? items[0] : { type: 'and', items };
  }

  private notExpr(): Condition {
    if (this.isWord('NOT')) { this.i++; return { type: 'not', item: this.notExpr() }; }
    if (this.peek().text === '(') {
      this.i++;
      const inner = this.orExpr();
      this.expectPunct(')');
      return inner;
    }
    return this.predicate();
  }

  private predicate(): Condition {
    const f = this.fieldName();
    const t = this.next();
    if (t.kind === 'op') return { type: 'compare', field: f.name, pos: f.pos, op: (t.text === '<>' ? '!=' : t.text) as CompareOp, value: this.literal() };
    if (this.isWord('LIKE', t)) {
      const p = this.next();
      if (p.kind !== 'string') this.fail(p);
      return { type: 'like', field: f.name, pos: f.pos, pattern: unquote(p.text) };
    }
    let negated = false;
    if (this.isWord('NOT', t)) { negated = true; this.expectWord('IN'); } else if (!this.isWord('IN', t)) this.fail(t);
    this.expectPunct('(');
    const values: Literal[] = [this.literal()];
    while (this.peek().text === ',') { this.i++; values.push(this.literal()); }
    this.expectPunct(')');
    return { type: 'in', field: f.name, pos: f.pos, negated, values };
  }

  private literal(): Literal {
    const t = this.next();
    switch (t.kind) {
      case 'string': return { kind: 'string', value: unquote(t.text) };
      case 'number': return { kind: 'number', value: Number(t.text) };
      case 'date': return { kind: 'date', value: t.text };
      case 'datetime': {
        const ms = parseDatetime(t.text);
        if (ms === null) this.fail(t, `line 1:${t.pos} no viable alternative at character '${t.text}'`);
        return { kind: 'datetime', ms };
      }
      case 'ident': {
        const word = t.text.toUpperCase();
        if (word === 'NULL') return { kind: 'null' };
        if (word === 'TRUE' || word === 'FALSE') return { kind: 'boolean', value: word === 'TRUE' };
        if (DATE_LITERALS.has(word)) {
          let n = 0;
          if (word.endsWith('_N_DAYS')) { this.expectPunct(':'); n = this.integer(); }
          return { kind: 'dateLiteral', name: word, n };
        }
        return this.fail(t);
      }
      default: return this.fail(t);
    }
  }
}

function unquote(text: string): string {
  return text.slice(1, -1).replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r' }[c] ?? c));
}

/** Parses a SOQL string or throws SoqlError (MALFORMED_QUERY). */
export function parseSoql(soql: string): ParsedQuery {
  return new Parser(soql, tokenize(soql)).parse();
}
