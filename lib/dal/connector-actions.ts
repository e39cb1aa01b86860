import 'server-only';
import type { z } from 'zod';
import { uniqueViolation } from '@/db/errors';
import * as q from '@/db/queries/connectors';
import type { Ctx } from '@/lib/auth/session';
import { openConnector } from '@/lib/connectors/connector-secrets';
import { outboundAllowlist } from '@/lib/connectors/outbound-allowlist';
import { checkQualtricsEventUrl } from '@/lib/connectors/qualtrics';
import type { actionSchema, qualtricsEventSchema, testActionSchema, testQualtricsEventSchema } from '@/lib/connectors/schemas';
import { actionUrl, sendAction, type ActionOutcome } from '@/lib/connectors/send-action';
import { checkTemplate, templateTokens, TemplateError, type TemplateValue } from '@/lib/connectors/templating';
import { AppError, notFound } from '@/lib/errors';
import { audit, requireAdmin } from './guards';

/** Actions and JSON events with their connector's name and kind; members see them to pick one in the wizard. */
export async function listActionsForDisplay(ctx: Ctx) {
  const [actions, connectors] = await Promise.all([q.listActions(ctx.db, ctx.user.workspaceId), q.listConnectors(ctx.db, ctx.user.workspaceId)]);
  const byId = new Map(connectors.map((c) => [c.id, c]));
  return actions.flatMap((a) => {
    const c = byId.get(a.connectorId);
    if (!c) return [];
    return [{
      id: a.id, name: a.name, method: a.method, url: a.url, headers: a.headers, payloadTemplate: a.payloadTemplate,
      tokens: templateTokens(a.payloadTemplate).map((t) => t.name), connectorId: c.id, connectorName: c.name, connectorKind: c.kind, updatedAt: a.updatedAt,
    }];
  });
}

export type ActionForDisplay = Awaited<ReturnType<typeof listActionsForDisplay>>[number];

function templateChecked(template: string) {
  try {
    checkTemplate(template);
  } catch (error) {
    if (error instanceof TemplateError) throw new AppError('VALIDATION', error.message, { fieldErrors: { payloadTemplate: [error.message] } });
    throw error;
  }
}

function qualtricsUrl(raw: string): string {
  try {
    return checkQualtricsEventUrl(raw, outboundAllowlist());
  } catch (error) {
    throw new AppError('VALIDATION', (error as Error).message, { fieldErrors: { url: [(error as Error).message] } });
  }
}

async function qualtricsConnection(ctx: Ctx) {
  const row = await q.getQualtricsConnector(ctx.db, ctx.user.workspaceId);
  if (!row) throw new AppError('VALIDATION', 'Set up the Qualtrics connection (username and API token) first.');
  return row;
}

const duplicateName = (name: string) => (error: unknown) => {
  if (uniqueViolation(error) !== null) throw new AppError('CONFLICT', `An action named “${name}” already exists.`, { fieldErrors: { name: ['Choose another name.'] } });
  throw error;
};

/** Creates or updates a Qualtrics JSON event (a POST to the workflow's event URL through the Qualtrics connection). */
export async function saveQualtricsEvent(ctx: Ctx, input: z.infer<typeof qualtricsEventSchema>) {
  requireAdmin(ctx, 'manage Qualtrics JSON events');
  const connector = await qualtricsConnection(ctx);
  const url = qualtricsUrl(input.url);
  templateChecked(input.payloadTemplate);
  const values = { name: input.name, method: 'POST' as const, url, headers: [], payloadTemplate: input.payloadTemplate };
  return saveAction(ctx, input.id, connector.id, values);
}

/** Creates or updates an external action of a connector to an HTTP system. */
export async function saveExternalAction(ctx: Ctx, input: z.infer<typeof actionSchema>) {
  requireAdmin(ctx, 'manage external actions');
  const connector = await q.getConnector(ctx.db, ctx.user.workspaceId, input.connectorId);
  if (!connector || connector.kind !== 'http') throw notFound('That connector');
  const url = urlChecked(connector, input.url);
  templateChecked(input.payloadTemplate);
  return saveAction(ctx, input.id, connector.id, { name: input.name, method: input.method, url, headers: input.headers, payloadTemplate: input.payloadTemplate });
}

function urlChecked(connector: q.ConnectorRow, raw: string): string {
  try {
    actionUrl(connector, raw.replace(/\{\{[^{}]*\}\}/g, 'x'));
    return raw;
  } catch (error) {
    const message = (error as Error).message;
    throw new AppError('VALIDATION', message, { fieldErrors: { url: [message] } });
  }
}

async function saveAction(ctx: Ctx, id: string | undefined, connectorId: string, values: Omit<q.NewConnectorAction, 'workspaceId' | 'connectorId'>) {
  if (id) {
    const row = await q.updateAction(ctx.db, ctx.user.workspaceId, id, { ...values, connectorId }).catch(duplicateName(values.name));
    if (!row) throw notFound('That action');
    await audit(ctx, 'action.update', 'connector_action', row.id, `Updated action “${row.name}”`);
    return { id: row.id };
  }
  const row = await q.insertAction(ctx.db, { ...values, workspaceId: ctx.user.workspaceId, connectorId, createdBy: ctx.user.userId }).catch(duplicateName(values.name));
  await audit(ctx, 'action.create', 'connector_action', row.id, `Added action “${row.name}”`);
  return { id: row.id };
}

export async function deleteAction(ctx: Ctx, id: string) {
  requireAdmin(ctx, 'delete actions');
  const row = await q.deleteAction(ctx.db, ctx.user.workspaceId, id);
  if (!row) throw notFound('That action');
  await audit(ctx, 'action.delete', 'connector_action', row.id, `Deleted action “${row.name}”`);
}

/** What a test shows: the answer, never the credentials that went with the request. */
export type TestResult = Pick<ActionOutcome, 'status' | 'ok' | 'eventId' | 'requestId' | 'body' | 'payload'>;

const shown = (o: ActionOutcome): TestResult => ({ status: o.status, ok: o.ok, eventId: o.eventId, requestId: o.requestId, body: o.body, payload: o.payload });

/** Sample text as the value it most likely is: numbers and true/false as such, the rest as text. */
function sampleValue(text: string): TemplateValue {
  if (text === 'true' || text === 'false') return text === 'true';
  if (text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  return text;
}

/** "Test" of a Qualtrics JSON event: sends the chosen key-value pairs to the URL with the connection's header. */
export async function testQualtricsEvent(ctx: Ctx, input: z.infer<typeof testQualtricsEventSchema>): Promise<TestResult> {
  requireAdmin(ctx, 'test Qualtrics JSON events');
  const connector = await qualtricsConnection(ctx);
  const url = qualtricsUrl(input.url);
  const payload = Object.fromEntries(Object.entries(input.pairs).map(([k, v]) => [k, sampleValue(v)]));
  const template = JSON.stringify(payload);
  return shown(await sendAction(openConnector(connector), { method: 'POST', url, headers: [], payloadTemplate: template }, {}));
}

/** Tests an external action with sample values before it is saved. */
export async function testExternalAction(ctx: Ctx, input: z.infer<typeof testActionSchema>): Promise<TestResult> {
  requireAdmin(ctx, 'test external actions');
  const connector = await q.getConnector(ctx.db, ctx.user.workspaceId, input.connectorId);
  if (!connector || connector.kind !== 'http') throw notFound('That connector');
  const url = urlChecked(connector, input.url);
  templateChecked(input.payloadTemplate);
  const needed = [...new Set([...templateTokens(input.payloadTemplate), ...templateTokens(`"${input.url}"`)].map((t) => t.name))];
  const missing = needed.filter((name) => !Object.hasOwn(input.samples, name));
  if (missing.length) {
    const message = `Give a sample value for ${missing.map((m) => `{{${m}}}`).join(', ')}, one "Column: value" a line.`;
    throw new AppError('VALIDATION', message, { fieldErrors: { samples: [message] } });
  }
  const values = Object.fromEntries(Object.entries(input.samples).map(([k, v]) => [k, sampleValue(v)]));
  return shown(await sendAction(openConnector(connector), { method: input.method, url, headers: input.headers, payloadTemplate: input.payloadTemplate }, values));
}
