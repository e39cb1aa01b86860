/**
 * The demo orgs, generated deterministically: the same call always yields the same ids and records, and
 * Lead/Contact e-mails are the demo end users' (lib/demo/people.ts) so reports match Salesforce records.
 */
import { demoPeople } from '@/lib/demo/people';
import { makeId } from '../ids';
import type { OrgKey } from '../model/org';
import { ACCOUNT_FIELDS, CONTACT_FIELDS, LEAD_FIELDS } from './objects';
import type { OrgSeed, SeedUser } from './schema';

/** Fixed demo credentials, documented in README.md. */
export const DEMO_USERS: Record<OrgKey, SeedUser[]> = {
  sandbox: [
    { username: 'admin@sandbox.demo', password: 'demo-admin-1', firstName: 'Sam', lastName: 'Admin', email: 'admin@sandbox.demo', modifyAllData: true },
    { username: 'standard@sandbox.demo', password: 'demo-standard-1', firstName: 'Stan', lastName: 'Dard', email: 'standard@sandbox.demo', modifyAllData: false },
  ],
  production: [
    { username: 'admin@production.demo', password: 'demo-admin-1', firstName: 'Pat', lastName: 'Admin', email: 'admin@production.demo', modifyAllData: true },
    { username: 'standard@production.demo', password: 'demo-standard-1', firstName: 'Stevie', lastName: 'Dard', email: 'standard@production.demo', modifyAllData: false },
  ],
};

const POD: Record<OrgKey, string> = { sandbox: '1X', production: '5g' };
const BASE_TIME = Date.UTC(2025, 0, 6, 9, 0, 0);

/** Which demo people get which records; exported so tests can reason about the seed. */
export const DEMO_RULES = {
  hasLead: (_i: number) => true,
  hasContact: (i: number) => i % 4 !== 1,
  /** Converted Leads point at their person's Contact, so only people with a Contact qualify. */
  isConverted: (i: number) => i % 4 !== 1 && i % 6 === 0,
  hasDuplicateLead: (i: number) => i % 97 === 1,
};

/** The demo seed of one org. */
export function demoOrgSeed(key: OrgKey, peopleCount?: number): OrgSeed {
  const pod = POD[key];
  const people = demoPeople(peopleCount);
  const companies = [...new Set(people.map((p) => p.company))].sort();
  const accountId = new Map(companies.map((c, i) => [c, makeId('001', pod, i + 1)]));
  const accounts = companies.map((c) => ({
    Id: accountId.get(c)!, Name: c, Type: 'Customer - Direct', Industry: 'Technology',
    Website: `https://www.${c.toLowerCase().replace(/[^a-z]+/g, '')}.example.com`,
  }));
  const contacts: Record<string, string | number | boolean | null>[] = [];
  const leads: Record<string, string | number | boolean | null>[] = [];
  const contactId = new Map<number, string>();
  let leadCounter = 0;
  for (const p of people) {
    const created = new Date(BASE_TIME + p.index * 3_600_000).toISOString();
    const base = { FirstName: p.firstName, LastName: p.lastName, Email: p.email, Title: p.title, CreatedDate: created, LastModifiedDate: created };
    if (DEMO_RULES.hasContact(p.index)) {
      const id = makeId('003', pod, p.index + 1);
      contactId.set(p.index, id);
      contacts.push({ Id: id, ...base, AccountId: accountId.get(p.company)!, LeadSource: 'Web' });
    }
    if (DEMO_RULES.hasLead(p.index)) {
      const converted = DEMO_RULES.isConverted(p.index);
      leads.push({
        Id: makeId('00Q', pod, ++leadCounter), ...base, Company: p.company, LeadSource: 'Web',
        Status: converted ? 'Closed - Converted' : 'Open - Not Contacted',
        IsConverted: converted,
        ConvertedDate: converted ? created.slice(0, 10) : null,
        ConvertedContactId: converted ? contactId.get(p.index)! : null,
        ConvertedAccountId: converted ? accountId.get(p.company)! : null,
      });
      if (DEMO_RULES.hasDuplicateLead(p.index)) {
        // A second Lead with the same e-mail, as real orgs accumulate from several web forms.
        leads.push({ Id: makeId('00Q', pod, ++leadCounter), ...base, Company: p.company, LeadSource: 'Other', Status: 'Working - Contacted' });
      }
    }
  }
  return {
    name: key === 'sandbox' ? 'Demo Sandbox' : 'Demo Company',
    isSandbox: key === 'sandbox',
    pod,
    dailyApiRequests: key === 'sandbox' ? 100_000 : 150_000,
    users: DEMO_USERS[key],
    objects: [
      { name: 'Account', keyPrefix: '001', fields: ACCOUNT_FIELDS, records: accounts },
      { name: 'Contact', keyPrefix: '003', fields: CONTACT_FIELDS, records: contacts },
      { name: 'Lead', keyPrefix: '00Q', fields: LEAD_FIELDS, records: leads },
    ],
  };
}
