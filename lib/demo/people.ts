/**
 * The demo's end users, shared by the Insights demo data and the Salesforce emulator's demo org so that
 * report keys (emails) match Salesforce records. Deterministic: the same index always gives the same person.
 */

const FIRST = ['Ada', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonah', 'Kara', 'Liam',
  'Maya', 'Nikhil', 'Olga', 'Pablo', 'Quinn', 'Rosa', 'Sami', 'Tara', 'Umar', 'Vera', 'Wes', 'Xin', 'Yara', 'Zoe'];
const LAST = ['Abbott', 'Baker', 'Castillo', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Hughes', 'Ivanova', 'Jensen',
  'Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'Okafor', 'Patel', 'Quintero', 'Rossi', 'Schmidt', 'Tanaka',
  'Ueda', 'Varga', 'Walsh', 'Xu', 'Yilmaz', 'Zimmer'];
const COMPANIES = ['Acme Corp', 'Globex', 'Initech', 'Umbrella Health', 'Stark Logistics', 'Wayne Finance',
  'Hooli', 'Vandelay Imports', 'Soylent Foods', 'Tyrell Systems', 'Cyberdyne Labs', 'Wonka Retail'];
const TITLES = ['Analyst', 'Account Manager', 'Engineer', 'Operations Lead', 'Director', 'Consultant', 'VP Sales'];

export interface DemoPerson {
  index: number;
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  title: string;
}

/** A small seeded PRNG (mulberry32) so demo data is identical on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEMO_END_USER_COUNT = 2000;

/** The demo person at a given index (0-based). */
export function demoPerson(index: number): DemoPerson {
  const rnd = seededRandom(index * 7919 + 17);
  const firstName = FIRST[Math.floor(rnd() * FIRST.length)];
  const lastName = LAST[Math.floor(rnd() * LAST.length)];
  const company = COMPANIES[Math.floor(rnd() * COMPANIES.length)];
  const title = TITLES[Math.floor(rnd() * TITLES.length)];
  const domain = company.toLowerCase().replace(/[^a-z]+/g, '') + '.example.com';
  const email = `${firstName}.${lastName}.${index + 1}@${domain}`.toLowerCase();
  return { index, userId: `u-${String(index + 1).padStart(5, '0')}`, email, firstName, lastName, company, title };
}

/** The first `count` demo people. */
export function demoPeople(count = DEMO_END_USER_COUNT): DemoPerson[] {
  return Array.from({ length: count }, (_, i) => demoPerson(i));
}
