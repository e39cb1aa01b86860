import { describe, expect, it } from 'vitest';
import { Org } from './model/org';
import { parseOrgSeed } from './seed/schema';
import { executeQuery } from './soql/execute';
import { parseSoql, SoqlError } from './soql/parse';

const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);

const org = new Org('sandbox', parseOrgSeed({
  name: 'SOQL', users: [{ username: 'u@x', password: 'p', firstName: 'U', lastName: 'X', email: 'u@x.example', modifyAllData: false }],
  objects: [{
    name: 'Thing__c', keyPrefix: 'a02', fields: [
      { name: 'Name', type: 'string', length: 80 },
      { name: 'Score__c', type: 'double', precision: 5, scale: 1 },
      { name: 'Seen__c', type: 'datetime' },
      { name: 'Day__c', type: 'date' },
      { name: 'Active__c', type: 'boolean' },
    ],
    records: [
      { Name: 'alpha', Score__c: 1, Seen__c: '2025-06-15T08:00:00Z', Day__c: '2025-06-15', Active__c: true },
      { Name: 'Beta', Score__c: 5.5, Seen__c: '2025-06-10T08:00:00Z', Day__c: '2025-06-01', Active__c: false },
      { Name: 'gamma', Score__c: null, Seen__c: null, Day__c: null, Active__c: true },
      { Name: null, Score__c: 9, Seen__c: '2024-12-31T23:59:59Z', Day__c: '2024-12-31', Active__c: false },
    ],
  }],
}), NOW);
const user = org.users[0];

function names(soql: string): Array<string | null> {
  return executeQuery(soql, parseSoql(soql), org, user, false, NOW).rows.map((r) => r.Name as string | null);
}

describe('SOQL semantics', () => {
  it('compares text case-insensitively and lets != match nulls', () => {
    expect(names("SELECT Name FROM Thing__c WHERE Name = 'ALPHA'")).toEqual(['alpha']);
    expect(names("SELECT Name FROM Thing__c WHERE Name != 'alpha' ORDER BY Name")).toEqual([null, 'Beta', 'gamma']);
    expect(names('SELECT Name FROM Thing__c WHERE Score__c != null ORDER BY Score__c DESC')).toEqual([null, 'Beta', 'alpha']);
  });

  it('sorts nulls first ascending and last descending unless told otherwise', () => {
    expect(names('SELECT Name FROM Thing__c ORDER BY Score__c')).toEqual(['gamma', 'alpha', 'Beta', null]);
    expect(names('SELECT Name FROM Thing__c ORDER BY Score__c ASC NULLS LAST')).toEqual(['alpha', 'Beta', null, 'gamma']);
    expect(names('SELECT Name FROM Thing__c ORDER BY Name DESC')).toEqual(['gamma', 'Beta', 'alpha', null]);
  });

  it('handles LIKE, IN, NOT IN, NOT and nested parentheses', () => {
    expect(names("SELECT Name FROM Thing__c WHERE Name LIKE '%a' ORDER BY Name")).toEqual(['alpha', 'Beta', 'gamma']);
    expect(names("SELECT Name FROM Thing__c WHERE Name LIKE 'b_ta'")).toEqual(['Beta']);
    expect(names("SELECT Name FROM Thing__c WHERE Name IN ('beta', 'GAMMA') ORDER BY Name")).toEqual(['Beta', 'gamma']);
    expect(names("SELECT Name FROM Thing__c WHERE Name NOT IN ('beta') AND Name != null ORDER BY Name")).toEqual(['alpha', 'gamma']);
    expect(names("SELECT Name FROM Thing__c WHERE NOT (Active__c = true OR (Score__c > 8 AND Name = null))")).toEqual(['Beta']);
  });

  it('filters datetimes and dates with literals and relative date literals', () => {
    expect(names('SELECT Name FROM Thing__c WHERE Seen__c >= 2025-06-10T08:00:00Z ORDER BY Name')).toEqual(['alpha', 'Beta']);
    expect(names('SELECT Name FROM Thing__c WHERE Seen__c > 2025-06-10T10:00:00+02:00')).toEqual(['alpha']);
    expect(names('SELECT Name FROM Thing__c WHERE Seen__c = TODAY')).toEqual(['alpha']);
    expect(names('SELECT Name FROM Thing__c WHERE Seen__c = LAST_N_DAYS:7 ORDER BY Name')).toEqual(['alpha', 'Beta']);
    expect(names('SELECT Name FROM Thing__c WHERE Day__c < 2025-01-01')).toEqual([null]);
    expect(names('SELECT Name FROM Thing__c WHERE Day__c = THIS_MONTH ORDER BY Name')).toEqual(['alpha', 'Beta']);
  });

  it('applies LIMIT and OFFSET after ordering, and COUNT()', () => {
    expect(names('SELECT Name FROM Thing__c ORDER BY Score__c LIMIT 2 OFFSET 1')).toEqual(['alpha', 'Beta']);
    const soql = 'SELECT COUNT() FROM Thing__c WHERE Active__c = true';
    expect(executeQuery(soql, parseSoql(soql), org, user, false, NOW).totalSize).toBe(2);
  });

  it('rejects bad syntax and mistyped literals with Salesforce error codes and positions', () => {
    const fail = (soql: string) => {
      try { executeQuery(soql, parseSoql(soql), org, user, false, NOW); } catch (e) { return e as SoqlError; }
      throw new Error(`no error for ${soql}`);
    };
    expect(fail('SELECT Name Thing__c')).toMatchObject({ code: 'MALFORMED_QUERY' });
    expect(fail('SELECT Name FROM Thing__c WHERE').message).toContain('unexpected end of query');
    expect(fail('SELECT Nope__c FROM Thing__c').message).toContain('ERROR at Row:1:Column:8');
    expect(fail("SELECT Name FROM Thing__c WHERE Score__c = '5'")).toMatchObject({ code: 'INVALID_FIELD' });
    expect(fail('SELECT Name FROM Thing__c WHERE Seen__c > 2025-06-10')).toMatchObject({ code: 'INVALID_FIELD' });
    expect(fail("SELECT Name FROM Thing__c WHERE Id = 'zzz'")).toMatchObject({ code: 'INVALID_QUERY_FILTER_OPERATOR' });
    expect(fail('SELECT Name, name FROM Thing__c')).toMatchObject({ code: 'MALFORMED_QUERY' });
    expect(fail('SELECT Name FROM Thing__c OFFSET 2001')).toMatchObject({ code: 'NUMBER_OUTSIDE_VALID_RANGE' });
  });
});
