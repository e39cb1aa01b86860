import { describe, expect, it } from 'vitest';
import '@/lib/zod-messages';
import { actionSchema, connectorSchema, idSchema, testActionSchema } from './schemas';

const messages = (result: { error?: { issues: Array<{ message: string }> } }) => result.error?.issues.map((i) => i.message) ?? [];
const connector = { name: 'Gainsight', baseUrl: 'https://acme.gainsightcloud.com', authType: 'header', authHeaderName: 'Accesskey' };
const action = { connectorId: '00000000-0000-4000-8000-000000000001', name: 'Renewal', url: '/v1/renewals' };

// The Connectors page's forms: each refusal says what to write, by the line it is on.
describe('connector form messages', () => {
  it('say what to change in the connector form', () => {
    expect(messages(connectorSchema.safeParse({ ...connector, authHeaderName: 'Access key' }))).toEqual(['Use only letters, digits and dashes in the header name, like Accesskey.']);
    expect(messages(connectorSchema.safeParse({ ...connector, callsPerMinute: '0' }))).toEqual(['Enter at least 1 call a minute.']);
    expect(messages(connectorSchema.safeParse({ ...connector, callsPerMinute: '9000' }))).toEqual(['Enter at most 6,000 calls a minute.']);
    expect(messages(connectorSchema.safeParse({ ...connector, callsPerMinute: '1.5' }))).toEqual(['Enter a whole number of calls a minute.']);
  });

  it('name the line of a header or a sample that cannot be read, and how to write it', () => {
    expect(messages(actionSchema.safeParse({ ...action, headers: 'Accept: application/json\nno colon here' })))
      .toEqual(['Line 2: write the header as "Name: value", like Accept: application/json.']);
    expect(messages(actionSchema.safeParse({ ...action, headers: 'Authorization: Bearer x' }))).toEqual(['Line 1: remove Authorization. DIC sets it, from the connector\'s credentials.']);
    expect(messages(testActionSchema.safeParse({ ...action, samples: 'Email: ana@example.com\n\njust text' })))
      .toEqual(['Line 3: write the sample as "Key: value", like Email: ana@example.com.']);
    expect(messages(actionSchema.safeParse({ ...action, payloadTemplate: 'x'.repeat(100 * 1024 + 1) }))).toEqual(['Keep the payload template to 100 KB or less.']);
    expect(messages(idSchema.safeParse({ id: 'x' }))).toEqual(['That item was not found. Reload the page and try again.']);
  });
});
