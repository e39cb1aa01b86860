import { describe, expect, it } from 'vitest';
import { checkTemplate, renderTemplate, templateFromMappings, templateTokens } from './templating';

describe('payload templates', () => {
  it('fills tokens inside strings as escaped text and outside strings as JSON literals', () => {
    const template = '{"email": "{{Email}}", "score": {{NPS Score}}, "note": "Score {{NPS Score}} from {{Email}}", "promoter": {{Promoter}}, "at": {{When}}}';
    const { payload } = renderTemplate(template, { Email: 'ana@example.com', 'NPS Score': 3, Promoter: false, When: new Date('2026-11-20T09:15:00Z') });
    expect(payload).toEqual({ email: 'ana@example.com', score: 3, note: 'Score 3 from ana@example.com', promoter: false, at: '2026-11-20T09:15:00.000Z' });
  });

  it('escapes quotes, backslashes, newlines and token-like text in values so the JSON cannot be broken', () => {
    const evil = 'x", "admin": true, "y": "\\ \n {{Email}}';
    const { payload } = renderTemplate('{"name": "{{Name}}", "raw": {{Name}}}', { Name: evil });
    expect(payload).toEqual({ name: evil, raw: evil });
    expect(Object.keys(payload)).toEqual(['name', 'raw']);
  });

  it('sends null for missing values outside strings and empty text inside them', () => {
    expect(renderTemplate('{"a": {{A}}, "b": "{{A}}"}', { A: null }).payload).toEqual({ a: null, b: '' });
    expect(renderTemplate('{"n": {{N}}}', { N: Number.NaN }).payload).toEqual({ n: null });
  });

  it('accepts { } as a trigger-only payload and keeps literal braces inside strings', () => {
    expect(renderTemplate('{ }', {}).payload).toEqual({});
    expect(renderTemplate('{"t": "a {b} \\"{{X}}\\""}', { X: 'q' }).payload).toEqual({ t: 'a {b} "q"' });
  });

  it('names the unknown column and the invalid JSON, saying how to fix them', () => {
    expect(() => renderTemplate('{"a": "{{Nope}}"}', { Email: 'x' })).toThrow('{{Nope}}, which is not a column');
    expect(() => checkTemplate('{"a": {{Email}}', ['Email'])).toThrow(/not valid JSON/);
    expect(() => checkTemplate('[{{Email}}]', ['Email'])).toThrow(/must be a JSON object/);
    expect(() => checkTemplate('{"a": "{{Emial}}"}', ['Email', 'User ID'])).toThrow('Unknown column {{Emial}}');
    expect(checkTemplate('{"a": "{{ Email }}", "b": {{Email}}}', ['Email'])).toEqual([{ name: 'Email', inString: true }]);
  });

  it('lists tokens and builds a template from column mappings', () => {
    expect(templateTokens('{"a": "{{User ID}}", "b": {{NPS Score}}}').map((t) => t.name)).toEqual(['User ID', 'NPS Score']);
    const built = templateFromMappings([{ column: 'Email', field: 'email' }, { column: 'NPS Score', field: 'score' }]);
    expect(renderTemplate(built, { Email: 'a@b.c', 'NPS Score': 2 }).payload).toEqual({ email: 'a@b.c', score: 2 });
    expect(templateFromMappings([])).toBe('{ }');
  });
});
