import { describe, expect, it } from 'vitest';
import { buildKeyQueries, encodedQueryBytes, MAX_URI_BYTES, soqlLiteral, URI_PREFIX_ALLOWANCE } from './soql';

const email = { name: 'Email', type: 'email' };
const external = { name: 'Ext__c', type: 'string' };
const number = { name: 'Num__c', type: 'double' };

describe('soqlLiteral', () => {
  it('quotes text with SOQL escapes and leaves numbers bare', () => {
    expect(soqlLiteral("o'brien\\x@example.com", email)).toBe("'o\\'brien\\\\x@example.com'");
    expect(soqlLiteral('line\nbreak"', external)).toBe("'line\\nbreak\\\"'");
    expect(soqlLiteral('42', number)).toBe('42');
    expect(() => soqlLiteral('42; DELETE', number)).toThrow(/not a number/);
  });
});

describe('buildKeyQueries', () => {
  const spec = { objectName: 'Lead', select: ['Id', 'Email'], keyFields: [email], where: 'Email != null AND IsConverted = false' };

  it('puts a small set in one query with the extra conditions', () => {
    expect(buildKeyQueries(spec, [['a@x.com'], ['b@x.com'], ['a@x.com']])).toEqual([
      "SELECT Id, Email FROM Lead WHERE Email IN ('a@x.com', 'b@x.com') AND Email != null AND IsConverted = false",
    ]);
    expect(buildKeyQueries(spec, [])).toEqual([]);
  });

  it('splits thousands of keys into queries that each fit the URI limit, losing and repeating none', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => [`person.number.${i}+tag@example-company.com`]);
    const queries = buildKeyQueries(spec, keys);
    expect(queries.length).toBeGreaterThan(5);
    for (const q of queries) expect(encodedQueryBytes(q)).toBeLessThanOrEqual(MAX_URI_BYTES - URI_PREFIX_ALLOWANCE);
    // Full queries, not a sliver each: every query but the last is near the limit.
    for (const q of queries.slice(0, -1)) expect(encodedQueryBytes(q)).toBeGreaterThan((MAX_URI_BYTES - URI_PREFIX_ALLOWANCE) * 0.95);
    const found = queries.flatMap((q) => [...q.matchAll(/'([^']+)'/g)].map((m) => m[1]));
    expect(found).toEqual(keys.map((k) => k[0]));
  });

  it('also keeps each statement under the SOQL length limit', () => {
    const keys = Array.from({ length: 300 }, (_, i) => [`k${i}`]);
    const queries = buildKeyQueries(spec, keys, { uriBytes: 1_000_000, chars: 500 });
    expect(queries.length).toBeGreaterThan(1);
    for (const q of queries) expect(q.length).toBeLessThanOrEqual(500);
  });

  it('keeps the values of a composite key together and refuses a value that fits no query', () => {
    const composite = { objectName: 'Contact', select: ['Id'], keyFields: [external, number] };
    expect(buildKeyQueries(composite, [['a', '1'], ['b', '1'], ['a', '2']])).toEqual([
      "SELECT Id FROM Contact WHERE Ext__c IN ('a', 'b') AND Num__c IN (1, 2)",
    ]);
    expect(() => buildKeyQueries(spec, [['x'.repeat(20_000)]])).toThrow(/too long/);
  });
});
