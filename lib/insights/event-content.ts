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

function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000), which cannot be stored; remove it';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate (like \\ud800), which is not valid Unicode; send valid UTF-8 text';
  if (text.length > EVENT_LIMITS.maxStringLength) return `must be at most ${EVENT_LIMITS.maxStringLength} characters`;
  return null;
}

const pathText = (path: string[]) => path.join('.') || 'event';

/**
 * Walks an event without recursion (so even 100,000 levels cannot exhaust the stack) and lists what cannot
 * be stored: NUL characters and lone surrogates in any key or string, over-long text, too deep nesting,
 * too many values. Each problem names where it is.
 */
export function contentProblems(raw: unknown): string[] {
  const problems: string[] = [];
  const stack: Array<{ value: unknown; path: string[]; depth: number }> = [{ value: raw, path: [], depth: 1 }];
  let values = 0;
  let tooDeep = false;
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (++values > EVENT_LIMITS.maxValues) {
      problems.push(`event: holds more than ${EVENT_LIMITS.maxValues} values; send less detail per event`);
      break;
    }
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) problems.push(`${pathText(path)}: ${problem}`);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > EVENT_LIMITS.maxDepth) {
      if (!tooDeep) problems.push(`${pathText(path)}: nested more than ${EVENT_LIMITS.maxDepth} levels deep; flatten the properties`);
      tooDeep = true;
      continue;
    }
    const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      const keyProblem = Array.isArray(value) ? null : textProblem(key);
      if (keyProblem) problems.push(`${pathText(path)}: a property name ${keyProblem}`);
      stack.push({ value: child, path: [...path, keyProblem ? '?' : key], depth: depth + 1 });
    }
  }
  return problems;
}
