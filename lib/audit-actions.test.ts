import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, auditActionLabel } from './audit-actions';

/** Every action code written to the audit log anywhere in the app's source. */
async function auditCodesInSource(): Promise<Set<string>> {
  const codes = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.includes('.test.')) {
        const text = await readFile(full, 'utf8');
        for (const m of text.matchAll(/audit\(ctx, '([a-z_.]+)'/g)) codes.add(m[1]);
        for (const m of text.matchAll(/action: (?:[^,]*\? )?'([a-z_.]+)'(?: : '([a-z_.]+)')?, targetType/g)) {
          codes.add(m[1]);
          if (m[2]) codes.add(m[2]);
        }
      }
    }
  };
  await walk(path.resolve(__dirname, '..', 'lib'));
  await walk(path.resolve(__dirname, '..', 'app'));
  return codes;
}

describe('audit action labels', () => {
  it('give every action the app records a label in words', async () => {
    const codes = await auditCodesInSource();
    expect(codes.size).toBeGreaterThan(20);
    expect([...codes].filter((c) => !AUDIT_ACTION_LABELS[c])).toEqual([]);
  });

  it('show a known code by its label and an unknown one in words', () => {
    expect(auditActionLabel('user.password_reset')).toBe('Password reset');
    expect(auditActionLabel('sign_in')).toBe('Signed in');
    expect(auditActionLabel('report.schedule_change')).toBe('Report schedule change');
  });
});
