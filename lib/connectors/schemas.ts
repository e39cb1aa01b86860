/**
 * The zod schemas of the Connectors page, shared by its forms and server actions: the Qualtrics connection,
 * connectors to any HTTP system, external actions and Qualtrics JSON events, tests, and inbound triggers.
 */
import { z } from 'zod';
import { ACTION_METHODS, CONNECTOR_AUTH_TYPES, INBOUND_ACTION_KINDS } from '@/db/schema';
import { nameField } from '@/lib/auth/schemas';
import { RESERVED_HEADERS } from './send-action';

const optionalText = z.string().trim().max(500).optional().transform((v) => (v ? v : undefined));
const checkbox = z.union([z.literal('on'), z.literal('true'), z.literal('false'), z.boolean()]).optional().transform((v) => v === true || v === 'on' || v === 'true');

/** "Name: value" lines (one header a line) to headers; refuses credentials, which belong to the connector. */
export const headerLines = z.string().max(10_000).optional().default('').transform((text, ctx) => {
  const headers: Array<{ name: string; value: string }> = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    const m = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) { ctx.addIssue({ code: 'custom', message: `Line ${i + 1}: write the header as "Name: value", like Accept: application/json.` }); continue; }
    if (RESERVED_HEADERS.includes(m[1].toLowerCase())) {
      const credential = ['authorization', 'x-api-token', 'cookie'].includes(m[1].toLowerCase());
      ctx.addIssue({ code: 'custom', message: `Line ${i + 1}: remove ${m[1]}. DIC sets it${credential ? ', from the connector\'s credentials' : ' on every call'}.` });
      continue;
    }
    headers.push({ name: m[1], value: m[2].trim() });
  }
  return headers;
});

export const qualtricsConnectionSchema = z.object({
  username: z.string().trim().min(1, { error: 'Enter your Qualtrics username.' }).max(200),
  // Blank on an edit keeps the stored token.
  apiToken: z.string().trim().max(200).optional().transform((v) => (v ? v : undefined)),
});

const httpsUrl = z.string().trim().min(1, { error: 'Enter the system\'s base URL, like https://acme.gainsightcloud.com.' })
  .refine((v) => { try { return ['https:', 'http:'].includes(new URL(v).protocol); } catch { return false; } }, { error: 'Enter a full URL starting with https://.' });

export const connectorSchema = z.object({
  id: z.uuid().optional(),
  name: nameField,
  baseUrl: httpsUrl,
  authType: z.enum(CONNECTOR_AUTH_TYPES, { error: 'Choose how the system authenticates.' }),
  authUsername: optionalText,
  authHeaderName: z.string().trim().max(100).optional().transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(v), { error: 'Use only letters, digits and dashes in the header name, like Accesskey.' }),
  secret: z.string().trim().max(2000).optional().transform((v) => (v ? v : undefined)),
  callsPerMinute: z.coerce.number({ error: 'Enter a number.' }).int({ error: 'Enter a whole number of calls a minute.' }).min(1, { error: 'Enter at least 1 call a minute.' }).max(6000, { error: 'Enter at most 6,000 calls a minute.' }).default(60),
  /** Set when the user chose to add a second connector for a host that already has one. */
  confirmSameHost: checkbox,
}).superRefine((v, ctx) => {
  if (v.authType === 'basic' && !v.authUsername) ctx.addIssue({ code: 'custom', path: ['authUsername'], message: 'Enter the user name for Basic authentication.' });
  if (v.authType === 'header' && !v.authHeaderName) ctx.addIssue({ code: 'custom', path: ['authHeaderName'], message: 'Enter the header name, like Accesskey.' });
  if (v.authType === 'header' && v.authHeaderName && RESERVED_HEADERS.includes(v.authHeaderName.toLowerCase()) && v.authHeaderName.toLowerCase() !== 'authorization' && v.authHeaderName.toLowerCase() !== 'x-api-token') {
    ctx.addIssue({ code: 'custom', path: ['authHeaderName'], message: 'Choose a header name the HTTP stack does not set itself.' });
  }
});

const payloadTemplate = z.string().trim().max(100 * 1024, { error: 'Keep the payload template to 100 KB or less.' }).default('{ }').transform((v) => v || '{ }');

export const actionSchema = z.object({
  id: z.uuid().optional(),
  connectorId: z.uuid({ error: 'Choose the connector this action uses.' }),
  name: nameField,
  method: z.enum(ACTION_METHODS, { error: 'Choose a method.' }).default('POST'),
  url: z.string().trim().min(1, { error: 'Enter the URL (or a path under the connector\'s base URL).' }).max(2000),
  headers: headerLines,
  payloadTemplate,
});

export const qualtricsEventSchema = z.object({
  id: z.uuid().optional(),
  name: nameField,
  url: z.string().trim().min(1, { error: 'Paste the JSON event URL from your Qualtrics workflow.' }).max(2000),
  payloadTemplate,
});

/** Sample values for a test: one "Key: value" or "Key = value" a line (Qualtrics: the key-value pairs sent). */
export const samplePairs = z.string().max(100 * 1024).optional().default('').transform((text, ctx) => {
  const pairs: Record<string, string> = {};
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    const m = /^\s*([^:=]+?)\s*[:=]\s*(.*)$/.exec(line);
    if (!m) { ctx.addIssue({ code: 'custom', message: `Line ${i + 1}: write the sample as "Key: value", like Email: ana@example.com.` }); continue; }
    pairs[m[1]] = m[2].trim();
  }
  return pairs;
});

export const testQualtricsEventSchema = z.object({
  url: qualtricsEventSchema.shape.url,
  pairs: samplePairs,
});

export const testActionSchema = actionSchema.omit({ id: true, name: true }).extend({ samples: samplePairs });

export const idSchema = z.object({ id: z.uuid({ error: 'That item was not found. Reload the page and try again.' }) });

/** Field names: one a line or separated by commas. */
const fieldList = z.string().max(10_000).optional().default('').transform((text) => [...new Set(text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean))]);

export const inboundTriggerSchema = z.object({
  name: nameField,
  fields: fieldList,
  actionKind: z.enum(INBOUND_ACTION_KINDS, { error: 'Choose what a call starts.' }),
  integrationId: z.uuid().optional().or(z.literal('').transform(() => undefined)),
  eventType: z.string().trim().max(100).optional().transform((v) => (v ? v : undefined)),
  userIdField: optionalText,
  emailField: optionalText,
  /** "property = field" lines. */
  properties: z.string().max(10_000).optional().default('').transform((text, ctx) => {
    const out: Array<{ property: string; field: string }> = [];
    for (const [i, line] of text.split(/\r?\n/).entries()) {
      if (line.trim() === '') continue;
      const m = /^\s*([^=]+?)\s*=\s*(.+?)\s*$/.exec(line);
      if (!m) { ctx.addIssue({ code: 'custom', message: `Line ${i + 1}: write the mapping as "property = field", like score = nps_score.` }); continue; }
      out.push({ property: m[1], field: m[2] });
    }
    return out;
  }),
}).superRefine((v, ctx) => {
  if (v.actionKind === 'run_integration' && !v.integrationId) ctx.addIssue({ code: 'custom', path: ['integrationId'], message: 'Choose the integration a call runs.' });
  if (v.actionKind === 'record_event') {
    if (!v.eventType || !/^[a-z][a-z0-9_]{0,63}$/.test(v.eventType)) ctx.addIssue({ code: 'custom', path: ['eventType'], message: 'Enter an event type in lower case with underscores, like gainsight_renewal.' });
    if (!v.userIdField) ctx.addIssue({ code: 'custom', path: ['userIdField'], message: 'Name the field that holds the end user\'s id.' });
  }
});

