import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import './zod-messages';

const first = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues[0].message;

describe('default zod messages', () => {
  it('say what to do, in a short sentence, where a schema gives no message of its own', () => {
    expect(first(z.string().min(1), '')).toBe('Enter a value.');
    expect(first(z.string(), undefined)).toBe('Enter a value.');
    expect(first(z.string().min(8), 'short')).toBe('Use at least 8 characters.');
    expect(first(z.string().max(100), 'x'.repeat(101))).toBe('Use at most 100 characters.');
    expect(first(z.number().int(), 2.5)).toBe('Enter a whole number.');
    expect(first(z.coerce.number(), 'abc')).toBe('Enter a number, like 10.');
    expect(first(z.number().min(1), 0)).toBe('Enter a number of at least 1.');
    expect(first(z.number().max(3650), 5000)).toBe('Enter a number of at most 3,650.');
    expect(first(z.array(z.string()).min(1), [])).toBe('Choose at least one.');
    expect(first(z.array(z.string()).max(20), Array(21).fill('a'))).toBe('Choose at most 20.');
    expect(first(z.enum(['admin', 'member']), 'owner')).toBe('Choose one of the options.');
    expect(first(z.email(), 'nope')).toBe('Enter a valid email address, like name@company.com.');
    expect(first(z.uuid(), 'not-a-uuid')).toBe('That item was not found. Reload the page and try again.');
    expect(first(z.iso.date(), '31/01/2026')).toBe('Enter a date, like 2026-01-31.');
    expect(first(z.string().regex(/^a+$/), 'b')).toBe('Check the format of this value.');
    expect(first(z.object({ a: z.string() }).strict(), { a: 'x', b: 1 })).toBe('Remove the unknown field b.');
    expect(first(z.boolean(), 'maybe')).toBe('Choose yes or no.');
  });

  it('never shows zod\'s own wording', () => {
    const messages = [
      first(z.string().min(1), ''), first(z.number(), 'x'), first(z.enum(['a']), 'b'), first(z.string().max(2), 'abc'),
      first(z.discriminatedUnion('kind', [z.object({ kind: z.literal('a') })]), { kind: 'z' }),
    ];
    for (const message of messages) expect(message).not.toMatch(/Too small|Too big|Invalid input|expected|received|>=|<=/);
  });

  it('leave a schema\'s own message alone', () => {
    expect(first(z.string().min(1, { error: 'Enter a name.' }), '')).toBe('Enter a name.');
  });
});
