import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeople } from '@/lib/demo/people';
import { type RunningSalesforceEmulator, startSalesforceEmulator } from './index';
import { connectAdmin } from './testing';

let em: RunningSalesforceEmulator;
let conn: Connection;

type Lead = { Id: string; Email: string | null; LastName: string; Company: string; IsConverted: boolean; Status: string };

beforeAll(async () => {
  em = await startSalesforceEmulator({ port: 0 });
  conn = await connectAdmin(em);
});
afterAll(async () => {
  await em.close();
});

describe('describe', () => {
  it('lists the objects with key prefixes', async () => {
    const global = await conn.describeGlobal();
    const byName = new Map(global.sobjects.map((o) => [o.name, o]));
    expect(byName.get('Lead')?.keyPrefix).toBe('00Q');
    expect(byName.get('Contact')?.keyPrefix).toBe('003');
    expect(byName.get('Account')?.keyPrefix).toBe('001');
  });

  it('describes Lead with standard and WalkMe custom fields', async () => {
    const d = await conn.describe('Lead');
    const f = new Map(d.fields.map((x) => [x.name, x]));
    expect(f.get('Email')).toMatchObject({ type: 'email', length: 80, idLookup: true });
    expect(f.get('LastName')).toMatchObject({ nillable: false, createable: true });
    expect(f.get('IsConverted')).toMatchObject({ type: 'boolean', createable: false, updateable: false });
    expect(f.get('WalkMe_Last_Login__c')).toMatchObject({ type: 'datetime', custom: true, soapType: 'xsd:dateTime' });
    expect(f.get('WalkMe_Logins_Last_30_Days__c')).toMatchObject({ type: 'double', precision: 18, scale: 0 });
    expect(f.get('WalkMe_NPS_Category__c')).toMatchObject({ type: 'picklist', restrictedPicklist: true });
    expect(f.get('WalkMe_NPS_Category__c')!.picklistValues!.map((p) => p.value)).toEqual(['Promoter', 'Passive', 'Detractor']);
  });

  it('answers NOT_FOUND for an unknown object', async () => {
    await expect(conn.describe('Nope__c')).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });
});

describe('SOQL', () => {
  it('finds demo people by e-mail, case-insensitively, including a duplicate pair', async () => {
    const p = demoPeople(2)[1];
    const res = await conn.query<Lead>(`SELECT Id, Email FROM Lead WHERE Email = '${p.email.toUpperCase()}'`);
    expect(res.totalSize).toBe(2);
    expect(res.records.every((r) => r.Email === p.email && r.Id.startsWith('00Q') && r.Id.length === 18)).toBe(true);
  });

  it('supports IN, NOT IN, LIKE, AND/OR/NOT with parentheses, null and booleans', async () => {
    const people = demoPeople(8);
    const emails = people.map((p) => `'${p.email}'`).join(',');
    const inList = await conn.query<Lead>(`SELECT Id, Email FROM Lead WHERE Email IN (${emails}) AND IsConverted = false`);
    expect(inList.records.length).toBeGreaterThan(3);
    const like = await conn.query<Lead>("SELECT Email FROM Lead WHERE Email LIKE '%.2@%' AND NOT (Status = 'Closed - Converted') LIMIT 5");
    expect(like.records.every((r) => r.Email!.includes('.2@'))).toBe(true);
    const nullEmail = await conn.query('SELECT COUNT() FROM Lead WHERE Email = null');
    expect(nullEmail.totalSize).toBe(0);
    const notIn = await conn.query<Lead>(`SELECT Id FROM Lead WHERE Email NOT IN (${emails}) AND (IsConverted = true OR IsConverted = false) LIMIT 10`);
    expect(notIn.records).toHaveLength(10);
  });

  it('counts converted Leads and filters on dates and datetimes', async () => {
    const converted = await conn.query('SELECT COUNT() FROM Lead WHERE IsConverted = true');
    expect(converted.totalSize).toBeGreaterThan(100);
    const early = await conn.query('SELECT COUNT() FROM Lead WHERE CreatedDate < 2025-01-07T00:00:00Z');
    const late = await conn.query('SELECT COUNT() FROM Lead WHERE CreatedDate >= 2025-01-07T00:00:00Z');
    const all = await conn.query('SELECT COUNT() FROM Lead');
    expect(early.totalSize).toBeGreaterThan(0);
    expect(early.totalSize + late.totalSize).toBe(all.totalSize);
    const convertedOn = await conn.query('SELECT COUNT() FROM Lead WHERE ConvertedDate >= 2025-01-06');
    expect(convertedOn.totalSize).toBe(converted.totalSize);
  });

  it('orders, limits and offsets', async () => {
    const res = await conn.query<Lead>('SELECT Id, LastName FROM Lead ORDER BY LastName DESC, Id ASC LIMIT 5 OFFSET 3');
    expect(res.records).toHaveLength(5);
    const names = res.records.map((r) => r.LastName.toLowerCase());
    expect([...names].sort().reverse()).toEqual(names);
  });

  it('reports INVALID_FIELD, INVALID_TYPE and MALFORMED_QUERY like Salesforce', async () => {
    await expect(conn.query('SELECT Nope__c FROM Lead')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
    await expect(conn.query('SELECT Id FROM Nope__c')).rejects.toMatchObject({ errorCode: 'INVALID_TYPE' });
    await expect(conn.query('SELECT Id FORM Lead')).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    await expect(conn.query("SELECT Id FROM Lead WHERE IsConverted = 'yes'")).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
  });

  it('pages over several pages with autoFetch and queryMore', async () => {
    em.control.generateRecords('sandbox', 'Account', 4500, { Industry: 'Banking' });
    const first = await conn.query<{ Id: string }>("SELECT Id FROM Account WHERE Industry = 'Banking'");
    expect(first.totalSize).toBe(4500);
    expect(first.done).toBe(false);
    expect(first.records).toHaveLength(2000);
    expect(first.nextRecordsUrl).toMatch(/\/query\/01g[0-9A-Za-z]{15}-2000$/);
    const second = await conn.queryMore<{ Id: string }>(first.nextRecordsUrl!);
    expect(second.records).toHaveLength(2000);
    const all = await conn.query<{ Id: string }>("SELECT Id FROM Account WHERE Industry = 'Banking'", { autoFetch: true, maxFetch: 10_000 });
    expect(all.records.length).toBe(4500);
    expect(new Set(all.records.map((r) => r.Id)).size).toBe(4500);
  });

  it('shows deleted records only to queryAll, with IsDeleted', async () => {
    const created = await conn.sobject('Lead').create({ LastName: 'Gone', Company: 'Temp' });
    await conn.sobject('Lead').destroy(created.id!);
    const live = await conn.query(`SELECT Id FROM Lead WHERE Id = '${created.id}'`);
    expect(live.totalSize).toBe(0);
    const all = await conn.query<{ Id: string; IsDeleted: boolean }>(`SELECT Id, IsDeleted FROM Lead WHERE Id = '${created.id}'`, { scanAll: true });
    expect(all.records).toEqual([expect.objectContaining({ Id: created.id, IsDeleted: true })]);
  });
});

describe('single-record CRUD and upsert', () => {
  it('creates, retrieves, updates and deletes', async () => {
    const created = await conn.sobject('Lead').create({ FirstName: 'Ada', LastName: 'Test', Company: 'Acme', WalkMe_Logins_Last_30_Days__c: 12 });
    expect(created.success).toBe(true);
    const rec = await conn.sobject('Lead').retrieve(created.id!) as unknown as Record<string, unknown>;
    expect(rec).toMatchObject({ Name: 'Ada Test', Status: 'Open - Not Contacted', IsConverted: false, WalkMe_Logins_Last_30_Days__c: 12 });
    await conn.sobject('Lead').update({ Id: created.id!, WalkMe_Last_Login__c: '2025-03-01T10:00:00Z', WalkMe_NPS_Category__c: 'Promoter' });
    const after = em.control.records('sandbox', 'Lead').find((r) => r.Id === created.id)!;
    expect(after.WalkMe_Last_Login__c).toBe('2025-03-01T10:00:00.000+0000');
    await conn.sobject('Lead').destroy(created.id!);
    await expect(conn.sobject('Lead').update({ Id: created.id!, LastName: 'X' })).rejects.toMatchObject({ errorCode: 'ENTITY_IS_DELETED' });
  });

  it('validates fields as Salesforce does', async () => {
    const lead = conn.sobject('Lead');
    await expect(lead.create({ Company: 'NoName' })).rejects.toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING' });
    await expect(lead.create({ LastName: 'x'.repeat(81), Company: 'C' })).rejects.toMatchObject({ errorCode: 'STRING_TOO_LONG' });
    await expect(lead.create({ LastName: 'L', Company: 'C', WalkMe_NPS_Category__c: 'Fan' })).rejects.toMatchObject({ errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' });
    await expect(lead.create({ LastName: 'L', Company: 'C', IsConverted: true })).rejects.toMatchObject({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' });
    await expect(lead.create({ LastName: 'L', Company: 'C', Email: 'not-an-email' })).rejects.toMatchObject({ errorCode: 'INVALID_EMAIL_ADDRESS' });
    await expect(lead.create({ LastName: 'L', Company: 'C', WalkMe_Logins_Last_30_Days__c: 'many' })).rejects.toMatchObject({ errorCode: 'JSON_PARSER_ERROR' });
    await expect(lead.update({ Id: '00Qbad', LastName: 'x' })).rejects.toMatchObject({ errorCode: 'MALFORMED_ID' });
  });

  it('refuses to update a converted Lead', async () => {
    const converted = em.control.records('sandbox', 'Lead').find((r) => r.IsConverted === true)!;
    await expect(conn.sobject('Lead').update({ Id: String(converted.Id), Title: 'New' })).rejects.toMatchObject({ errorCode: 'CANNOT_UPDATE_CONVERTED_LEAD' });
  });

  it('upserts by external id: created, then updated, then several matches', async () => {
    const lead = conn.sobject('Lead');
    const first = await lead.upsert({ WalkMe_User_Id__c: 'wm-1', LastName: 'Up', Company: 'Sert' }, 'WalkMe_User_Id__c') as { created: boolean; id: string };
    expect(first).toMatchObject({ created: true, success: true });
    const second = await lead.upsert({ WalkMe_User_Id__c: 'wm-1', Title: 'CTO' }, 'WalkMe_User_Id__c') as { created: boolean; id: string };
    expect(second).toMatchObject({ created: false, id: first.id });
    const dup = demoPeople(2)[1].email;
    await expect(lead.upsert({ Email: dup, Title: 'x' }, 'Email')).rejects.toMatchObject({ errorCode: 'MULTIPLE_CHOICES' });
  });
});

describe('sObject Collections', () => {
  it('creates, updates and deletes up to 200 records in one call', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({ LastName: `Batch ${i}`, Company: 'Coll' }));
    const created = await conn.sobject('Lead').create(rows);
    expect(created.every((r) => r.success)).toBe(true);
    const updated = await conn.sobject('Lead').update(created.map((r) => ({ Id: r.id!, WalkMe_NPS_Score__c: 9 })));
    expect(updated.every((r) => r.success)).toBe(true);
    const deleted = await conn.sobject('Lead').destroy(created.map((r) => r.id!));
    expect(deleted.every((r) => r.success)).toBe(true);
  });

  it('answers EXCEEDED_ID_LIMIT above 200 records', async () => {
    const rows = Array.from({ length: 201 }, (_, i) => ({ LastName: `Too ${i}`, Company: 'Many' }));
    await expect(conn.sobject('Lead').create(rows)).rejects.toMatchObject({ errorCode: 'EXCEEDED_ID_LIMIT' });
  });

  it('rolls everything back with allOrNone when one row fails', async () => {
    const before = em.control.records('sandbox', 'Lead').length;
    const res = await conn.sobject('Lead').create([
      { LastName: 'Good', Company: 'A' },
      { Company: 'Missing last name' },
      { LastName: 'Also good', Company: 'B' },
    ], { allOrNone: true });
    expect(res.map((r) => r.success)).toEqual([false, false, false]);
    const codes = res.map((r) => (r as { errors: Array<{ statusCode: string }> }).errors[0].statusCode);
    expect(codes).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'REQUIRED_FIELD_MISSING', 'ALL_OR_NONE_OPERATION_ROLLED_BACK']);
    expect(em.control.records('sandbox', 'Lead').length).toBe(before);
  });

  it('keeps the good rows without allOrNone', async () => {
    const res = await conn.sobject('Lead').create([{ LastName: 'Kept', Company: 'A' }, { LastName: 'L', Company: 'C', WalkMe_NPS_Category__c: 'Fan' }]);
    expect(res[0].success).toBe(true);
    expect(res[1]).toMatchObject({ success: false, errors: [expect.objectContaining({ statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['WalkMe_NPS_Category__c'] })] });
  });

  it('upserts a collection by external id with created flags', async () => {
    const res = await conn.sobject('Lead').upsert([
      { WalkMe_User_Id__c: 'wm-coll-1', LastName: 'One', Company: 'C' },
      { WalkMe_User_Id__c: 'wm-1', Title: 'Updated by collection' },
    ], 'WalkMe_User_Id__c') as Array<{ success: boolean; created: boolean }>;
    expect(res.map((r) => [r.success, r.created])).toEqual([[true, true], [true, false]]);
  });

  it('fails single rows with UNABLE_TO_LOCK_ROW when that fault is injected', async () => {
    const id = em.control.addFault({ kind: 'lockRow', pattern: '^PATCH .*/composite/sobjects$', rate: 0.5, deterministic: true });
    try {
      const leads = em.control.records('sandbox', 'Lead').filter((r) => r.IsConverted === false).slice(0, 4);
      const res = await conn.sobject('Lead').update(leads.map((r) => ({ Id: String(r.Id), Title: 'Locked?' })));
      // Deterministic rate 0.5: every second row fails.
      expect(res.map((r) => r.success)).toEqual([true, false, true, false]);
      expect((res[1] as { errors: Array<{ statusCode: string }> }).errors[0].statusCode).toBe('UNABLE_TO_LOCK_ROW');
    } finally {
      em.control.clearFaults(id);
    }
  });
});

describe('API allowance', () => {
  it('counts calls in Sforce-Limit-Info and refuses with REQUEST_LIMIT_EXCEEDED when spent', async () => {
    await conn.query('SELECT Id FROM Lead LIMIT 1');
    const { used, max } = em.control.apiUsage('sandbox');
    expect(conn.limitInfo.apiUsage).toEqual({ used, limit: max });
    em.control.apiUsage('sandbox', { used: max });
    try {
      await expect(conn.query('SELECT Id FROM Lead LIMIT 1')).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
      const limits = await fetch(`${em.orgs.sandbox.instanceUrl}/services/data/v60.0/limits`, { headers: { Authorization: `Bearer ${conn.accessToken}` } });
      expect(limits.status).toBe(403);
    } finally {
      em.control.apiUsage('sandbox', { used: 0 });
    }
    const limits = await conn.limits();
    expect(limits.DailyApiRequests).toEqual({ Max: max, Remaining: max - 1 });
  });
});
