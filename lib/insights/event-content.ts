import type { EventProblem } from './event-problems';

/** Limits on what one event may hold, so each event is refused by itself instead of failing its request. */
export const EVENT_LIMITS = {
  /** Nesting of objects and arrays inside an event (the event itself is level 1, its properties level 2). */
  maxDepth: 12,
  /** Values (objects, arrays, strings, numbers…) in one event. */
  maxValues: 5_000,
  /** Characters in one string or key. */
  maxStringLength: 10_000,
};

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(text: string): Omit<EventProblem, 'path'> | null {
  if (text.includes('\u0000')) return { says: 'contains a NUL character (\\u0000), which cannot be stored; remove it' };
  if (LONE_SURROGATE.test(text)) return { says: 'contains a lone UTF-16 surrogate (like \\ud800), which is not valid Unicode; send valid UTF-8 text' };
  if (text.length > EVENT_LIMITS.maxStringLength) {
    return { says: `must be at most ${EVENT_LIMITS.maxStringLength.toLocaleString('en-US')} characters`, found: `${text.length.toLocaleString('en-US')} characters` };
  }
  return null;
}

/** A value on the walk's stack; the path is rebuilt from parents only when a problem needs it. */
interface Visit { value: unknown; depth: number; key: string | null; parent: Visit | null }

function pathOf(visit: Visit): string[] {
  const keys: string[] = [];
  for (let v: Visit | null = visit; v && v.key !== null; v = v.parent) keys.push(v.key);
  return keys.reverse();
}

/**
 * Walks an event without recursion (so even 100,000 levels cannot exhaust the stack) and lists what cannot
 * be stored: NUL characters and lone surrogates in any key or string, over-long text, too deep nesting,
 * too many values. Each problem names where it is.
 */
export function contentProblems(raw: unknown): EventProblem[] {
  const problems: EventProblem[] = [];
  const stack: Visit[] = [{ value: raw, depth: 1, key: null, parent: null }];
  let values = 0;
  let tooDeep = false;
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { value, depth } = visit;
    if (++values > EVENT_LIMITS.maxValues) {
      problems.push({ path: [], says: `holds more than ${EVENT_LIMITS.maxValues.toLocaleString('en-US')} values; send less detail per event` });
      break;
    }
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) problems.push({ path: pathOf(visit), ...problem });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > EVENT_LIMITS.maxDepth) {
      if (!tooDeep) problems.push({ path: pathOf(visit), says: `is nested more than ${EVENT_LIMITS.maxDepth} levels deep; flatten the properties` });
      tooDeep = true;
      continue;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth: depth + 1, key: String(i), parent: visit });
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const keyProblem = textProblem(key);
      if (keyProblem) problems.push({ path: pathOf(visit), ...keyProblem, says: `has a property name that ${keyProblem.says}` });
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, key: keyProblem ? '?' : key, parent: visit });
    }
  }
  return problems;
}
