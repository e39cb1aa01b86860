import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_END_USER_COUNT, demoPeople } from '@/lib/demo/people';
import { idSuffix, makeId, normalizeId } from './ids';
import { startSalesforceEmulator } from './index';
import { DEMO_RULES, demoOrgSeed } from './seed/demo';
import { parseOrgSeed } from './seed/schema';
import { connect, connectAdmin } from './testing';

describe('record ids', () => {
  it('computes the case-safe suffix the way Salesforce does', () => {
    // Published example: 001D000000IqhSL is 001D000000IqhSLIAZ in 18-character form.
    expect(idSuffix('001D000000IqhSL')).toBe('IAZ');
    expect(normalizeId('001D000000IqhSL')).toBe('001D000000IqhSLIAZ');
    expect(normalizeId('001D000000IqhSLIAZ')).toBe('001D000000IqhSLIAZ');
    expect(normalizeId('001d000000iqhsliaz')).toBeNull();
    expect(normalizeId('001D000000IqhSLIAA')).toBeNull();
    expect(normalizeId('short')).toBeNull();
  });

  it('makes 18-character ids with the key prefix', () => {
    const id = makeId('00Q', '5g', 123456);
    expect(id).toHaveLength(18);
    expect(id.startsWith('00Q5g')).toBe(true);
    expect(normalizeId(id)).toBe(id);
  });
});

describe('demo seed', () => {
  const seed = parseOrgSeed(demoOrgSeed('sandbox'));
  const leads = seed.objects.find((o) => o.name === 'Lead')!.records;
  const contacts = seed.objects.find((o) => o.name === 'Contact')!.records;

  it('is deterministic', () => {
    expect(JSON.stringify(demoOrgSeed('sandbox'))).toBe(JSON.stringify(demoOrgSeed('sandbox')));
    expect(demoOrgSeed('production').objects[2].records[0].Id).not.toBe(leads[0].Id);
  });

  it('uses the demo people e-mails, with duplicates and converted Leads', () => {
    const emails = new Set(demoPeople().map((p) => p.email));
    expect(leads.length).toBeGreaterThan(1000);
    expect(contacts.length).toBeGreaterThan(400);
    expect([...leads, ...contacts].every((r) => emails.has(String(r.Email)))).toBe(true);
    const counts = new Map<string, number>();
    for (const l of leads) counts.set(String(l.Email), (counts.get(String(l.Email)) ?? 0) + 1);
    const duplicated = [...counts.values()].filter((n) => n === 2).length;
    expect(duplicated).toBe(demoPeople().filter((p) => DEMO_RULES.hasLead(p.index) && DEMO_RULES.hasDuplicateLead(p.index)).length);
    expect(leads.filter((l) => l.IsConverted === true).length).toBe(demoPeople().filter((p) => DEMO_RULES.hasLead(p.index) && DEMO_RULES.isConverted(p.index)).length);
    expect(DEMO_END_USER_COUNT).toBe(demoPeople().length);
  });

  it('rejects an invalid seed with a readable message', () => {
    expect(() => parseOrgSeed({ name: 'x', users: [], objects: [{ name: 'Bad Name', keyPrefix: 'a0', fields: [] }] }))
      .toThrow(/Invalid org seed: .*users.*objects\.0\.name/);
  });

  it('loads a custom seed with a custom object', async () => {
    const em = await startSalesforceEmulator({
      seeds: {
        production: {
          name: 'Tiny', users: [{ username: 'a@tiny', password: 'p', firstName: 'A', lastName: 'B', email: 'a@tiny.example', modifyAllData: true }],
          objects: [{
            name: 'Usage__c', keyPrefix: 'a01', fields: [
              { name: 'Name', type: 'string', autoNumber: true, displayFormat: 'U-{0000}' },
              { name: 'Key__c', type: 'string', length: 20, externalId: true, unique: true },
              { name: 'Count__c', type: 'double', precision: 10, scale: 2 },
            ],
            records: [{ Key__c: 'k1', Count__c: 1.5 }],
          }],
        },
      },
    });
    try {
      const conn = await connect(em, 'production', 'a@tiny', 'p');
      const res = await conn.query<{ Name: string; Count__c: number }>('SELECT Name, Count__c FROM Usage__c');
      expect(res.records[0]).toMatchObject({ Name: 'U-0001', Count__c: 1.5 });
      await expect(conn.sobject('Usage__c').create({ Key__c: 'k1' })).rejects.toMatchObject({ errorCode: 'DUPLICATE_VALUE' });
      const made = await conn.sobject('Usage__c').create({ Key__c: 'k2', Count__c: 2.345 });
      expect(made.id).toMatch(/^a01/);
      const rec = await conn.sobject('Usage__c').retrieve(made.id!) as unknown as { Name: string; Count__c: number };
      expect(rec).toMatchObject({ Name: 'U-0002', Count__c: 2.35 });
    } finally {
      await em.close();
    }
  });
});

describe('state file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-emulator-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps records, new fields and refresh tokens across restarts', async () => {
    const file = join(dir, 'state.json');
    const first = await startSalesforceEmulator({ stateFile: file });
    const conn = await connectAdmin(first);
    const created = await conn.sobject('Lead').create({ LastName: 'Persisted', Company: 'Disk' });
    await conn.tooling.sobject('CustomField').create({ FullName: 'Lead.Kept__c', Metadata: { label: 'Kept', type: 'Checkbox' } });
    const refreshToken = conn.refreshToken!;
    await first.close();
    // It holds live tokens, so only the server's user may read it.
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const second = await startSalesforceEmulator({ stateFile: file });
    try {
      expect(second.control.records('sandbox', 'Lead').find((r) => r.Id === created.id)?.LastName).toBe('Persisted');
      expect(second.control.refreshTokenStatus(refreshToken)).toEqual({ known: true, revoked: false });
      const again = await connectAdmin(second);
      await expect(again.query('SELECT Kept__c FROM Lead LIMIT 1')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
    } finally {
      await second.close();
    }
  });
});
