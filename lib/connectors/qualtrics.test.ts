import { describe, expect, it } from 'vitest';
import { basicAuthHeader, checkQualtricsEventUrl, maskAuthHeader, readQualtricsAnswer } from './qualtrics';
import { matchesFilters } from './row-filter';

describe('Qualtrics helpers', () => {
  it('builds the Basic header from username and API token, and masks it', () => {
    const header = basicAuthHeader('ana@acme.com', 'tok3n:with:colons');
    expect(header).toBe(`Basic ${Buffer.from('ana@acme.com:tok3n:with:colons').toString('base64')}`);
    expect(maskAuthHeader(header)).toMatch(/^Basic •+.{4}$/);
    expect(maskAuthHeader(header)).not.toContain(header.slice(6, 20));
  });

  it('accepts JSON event URLs in both forms and refuses anything else, saying what to copy', () => {
    expect(checkQualtricsEventUrl('https://iad1.qualtrics.com/inbound-event/v1/events/json/triggers?urlTokenId=abc-123')).toContain('urlTokenId=abc-123');
    expect(checkQualtricsEventUrl('https://fra1.qualtrics.com/inbound-event/v1/events/json/triggers?contextId=SV_1&userId=UR_2&brandId=acme&triggerId=OC_3')).toContain('triggerId=OC_3');
    expect(() => checkQualtricsEventUrl('https://evil.example/inbound-event/v1/events/json/triggers?urlTokenId=a')).toThrow(/Qualtrics data center/);
    expect(() => checkQualtricsEventUrl('http://iad1.qualtrics.com/inbound-event/v1/events/json/triggers?urlTokenId=a')).toThrow(/Qualtrics data center/);
    expect(() => checkQualtricsEventUrl('https://iad1.qualtrics.com/API/v3/surveys')).toThrow(/path must be/);
    expect(() => checkQualtricsEventUrl('https://iad1.qualtrics.com/inbound-event/v1/events/json/triggers')).toThrow(/needs its urlTokenId/);
    expect(() => checkQualtricsEventUrl('qualtrics')).toThrow(/not a URL/);
    const emulator = 'http://127.0.0.1:3302';
    expect(checkQualtricsEventUrl(`${emulator}/inbound-event/v1/events/json/triggers?urlTokenId=x`, [emulator])).toContain('127.0.0.1:3302');
    expect(() => checkQualtricsEventUrl(`${emulator}/inbound-event/v1/events/json/triggers?urlTokenId=x`, [])).toThrow(/Qualtrics data center/);
  });

  it('reads eventId and requestId from the Qualtrics envelope', () => {
    expect(readQualtricsAnswer('{"result":{"eventId":"EV_1"},"meta":{"httpStatus":"202 - Accepted","requestId":"r-1"}}')).toEqual({ eventId: 'EV_1', requestId: 'r-1', errorMessage: null });
    expect(readQualtricsAnswer('{"meta":{"error":{"errorMessage":"Authentication failed"},"requestId":"r"}}').errorMessage).toBe('Authentication failed');
    expect(readQualtricsAnswer('<html>')).toEqual({ eventId: null, requestId: null, errorMessage: null });
  });
});

describe('row filters', () => {
  const rows = [
    { 'User ID': 'u1', 'NPS Category': 'Detractor', 'NPS Score': 3, Email: 'a@x.com' },
    { 'User ID': 'u2', 'NPS Category': 'Promoter', 'NPS Score': 10, Email: '' },
    { 'User ID': 'u3', 'NPS Category': 'detractor', 'NPS Score': '6', Email: null },
  ];
  const ids = (filters: Parameters<typeof matchesFilters>[1]) => rows.filter((r) => matchesFilters(r, filters)).map((r) => r['User ID']);

  it('sends only matching rows: text without case, numbers by value, empties', () => {
    expect(ids([{ column: 'NPS Category', operator: 'eq', value: 'Detractor' }])).toEqual(['u1', 'u3']);
    expect(ids([{ column: 'NPS Score', operator: 'lte', value: 6 }])).toEqual(['u1', 'u3']);
    expect(ids([{ column: 'NPS Score', operator: 'gt', value: '6' }])).toEqual(['u2']);
    expect(ids([{ column: 'Email', operator: 'is_empty' }])).toEqual(['u2', 'u3']);
    expect(ids([{ column: 'Email', operator: 'contains', value: '@X.' }])).toEqual(['u1']);
    expect(ids([{ column: 'NPS Category', operator: 'neq', value: 'promoter' }, { column: 'NPS Score', operator: 'lt', value: 5 }])).toEqual(['u1']);
    expect(ids([])).toEqual(['u1', 'u2', 'u3']);
  });
});
