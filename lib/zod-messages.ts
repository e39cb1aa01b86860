import { z } from 'zod';

const count = (n: number | bigint) => Number(n).toLocaleString('en-US');

function isEmpty(input: unknown): boolean {
  return input === undefined || input === null || (typeof input === 'string' && input.trim() === '');
}

/**
 * The message of a zod issue whose schema gave none, in the app's voice: a short imperative sentence that
 * says what to do ("Enter a value.", "Use at most 100 characters."), never zod's own "Too small: expected
 * string to have >=1 characters" or "Invalid input". Schema-level messages win over these (zod's precedence),
 * so a field that knows better still says it better.
 */
export function defaultMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return 'Enter a whole number.';
      if (issue.expected === 'number' || issue.expected === 'bigint') return isEmpty(issue.input) ? 'Enter a number.' : 'Enter a number, like 10.';
      if (issue.expected === 'boolean') return 'Choose yes or no.';
      if (issue.expected === 'date') return 'Enter a date, like 2026-01-31.';
      if (issue.expected === 'array') return 'Choose at least one.';
      return 'Enter a value.';
    case 'too_small': {
      const min = count(issue.minimum);
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'Enter a value.' : `Use at least ${min} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set') return Number(issue.minimum) <= 1 ? 'Choose at least one.' : `Choose at least ${min}.`;
      if (issue.origin === 'date') return 'Choose a later date.';
      return issue.inclusive === false ? `Enter a number greater than ${min}.` : `Enter a number of at least ${min}.`;
    }
    case 'too_big': {
      const max = count(issue.maximum);
      if (issue.origin === 'string') return `Use at most ${max} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Choose at most ${max}.`;
      if (issue.origin === 'date') return 'Choose an earlier date.';
      return issue.inclusive === false ? `Enter a number less than ${max}.` : `Enter a number of at most ${max}.`;
    }
    case 'invalid_format':
      if (issue.format === 'email') return 'Enter a valid email address, like name@company.com.';
      if (issue.format === 'url') return 'Enter a web address, like https://example.com.';
      if (issue.format === 'uuid' || issue.format === 'guid') return 'That item was not found. Reload the page and try again.';
      if (issue.format === 'date') return 'Enter a date, like 2026-01-31.';
      if (issue.format === 'datetime') return 'Enter a date and time, like 2026-01-31T09:30:00Z.';
      return 'Check the format of this value.';
    case 'not_multiple_of':
      return `Enter a multiple of ${count(issue.divisor)}.`;
    case 'invalid_value':
    case 'invalid_union':
      return 'Choose one of the options.';
    case 'unrecognized_keys':
      return `Remove ${issue.keys.length === 1 ? 'the unknown field' : 'the unknown fields'} ${issue.keys.join(', ')}.`;
    default:
      return 'Check this value.';
  }
}

z.config({ customError: defaultMessage });
