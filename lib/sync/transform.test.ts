import { describe, expect, it } from 'vitest';
import { displayKey, mappingFingerprint, normalizeKeyPart, recordKey, rowKey, transformRow, type RunPlan } from './transform';
import { testField } from './testing';

const emailField = testField({ name: 'Email', type: 'email', length: 80 });
const extId = testField({ name: 'Ext__c', caseSensitive: true, length: 64 });
const score = testField({ name: 'NPS__c', type: 'double', precision: 3, scale: 0 });
const title = testField({ name: 'Title', length: 10 });

function plan(overrides: Partial<RunPlan> = {}): RunPlan {
  const base = {
    objectName: 'Lead', excludeConverted: true,
    keys: [{ column: 'Email', columnType: 'email' as const, field: emailField }],
    mappings: [{ column: 'NPS Score', columnType: 'integer' as const, field: score }, { column: 'Role', columnType: 'string' as const, field: title }],
  };
  const merged = { ...base, ...overrides };
  return { ...merged, fingerprint: mappingFingerprint({ accountId: 'a1', objectName: merged.objectName, keys: merged.keys.map((k) => ({ column: k.column, field: k.field.name })), mappings: merged.mappings.map((m) => ({ column: m.column, field: m.field.name })) }) };
}

describe('keys', () => {
  it('compare e-mails and case-insensitive text without case, numbers in one form, and keep case where the field has it', () => {
    expect(normalizeKeyPart(' Ana@Example.COM ', emailField)).toBe('ana@example.com');
    expect(normalizeKeyPart('AbC', extId)).toBe('AbC');
    expect(normalizeKeyPart('AbC', title)).toBe('abc');
    expect(normalizeKeyPart('12.0', score)).toBe('12');
    expect(normalizeKeyPart('', emailField)).toBeNull();
  });

  it('build the same key from a report row and from a Salesforce record, composite ones included', () => {
    const keys = [{ column: 'Email', columnType: 'email' as const, field: emailField }, { column: 'User ID', columnType: 'string' as const, field: extId }];
    const key = rowKey({ Email: 'Ana@X.com', 'User ID': 'u-1' }, keys);
    expect(key).toBe(recordKey({ Id: '00Q', Email: 'ana@x.com', Ext__c: 'u-1' }, keys));
    expect(displayKey(key!)).toBe('ana@x.com / u-1');
    expect(rowKey({ Email: 'a@x.com', 'User ID': null }, keys)).toBeNull();
  });
});

describe('transformRow', () => {
  it('converts the mapped values and hashes them, the hash following values and mapping', () => {
    const row = { 'User ID': 'u1', Email: 'Ana@X.com', 'NPS Score': 9, Role: 'CTO' };
    const a = transformRow(row, 'u1', plan());
    expect(a).toMatchObject({ ok: true, key: 'ana@x.com', values: { NPS__c: 9, Title: 'CTO' } });
    const same = transformRow({ ...row }, 'u1', plan());
    const changed = transformRow({ ...row, 'NPS Score': 10 }, 'u1', plan());
    const remapped = transformRow(row, 'u1', plan({ mappings: plan().mappings.slice(0, 1) }));
    if (!a.ok || !same.ok || !changed.ok || !remapped.ok) throw new Error('expected accepted rows');
    expect(same.hash).toBe(a.hash);
    expect(changed.hash).not.toBe(a.hash);
    expect(remapped.hash).not.toBe(a.hash);
  });

  it('rejects the row at the first value that does not fit, naming the field', () => {
    const result = transformRow({ Email: 'a@x.com', 'NPS Score': 9, Role: 'Chief Technology Officer' }, 'u1', plan());
    expect(result).toMatchObject({ ok: false, key: 'a@x.com', field: 'Title', code: 'STRING_TOO_LONG' });
  });

  it('rejects a row without a key with a key of its own, so it is still recorded once', () => {
    const result = transformRow({ Email: null, 'NPS Score': 9, Role: 'CTO' }, 'u7', plan());
    expect(result).toMatchObject({ ok: false, code: 'MISSING_KEY', field: 'Email', reason: 'The row of User ID u7 has no "Email", so it cannot be matched to a Lead record.' });
    expect(result.key).toContain('u7');
  });
});
