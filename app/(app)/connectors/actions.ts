'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import {
  actionSchema, connectorSchema, idSchema, inboundTriggerSchema, qualtricsConnectionSchema, qualtricsEventSchema,
  testActionSchema, testQualtricsEventSchema,
} from '@/lib/connectors/schemas';
import { runConnectorIntegrationNow } from '@/lib/dal/connector-integrations';
import { deleteAction, saveExternalAction, saveQualtricsEvent, testExternalAction, testQualtricsEvent } from '@/lib/dal/connector-actions';
import { deleteConnector, revealQualtricsHeader, saveHttpConnector, saveQualtricsConnection } from '@/lib/dal/connectors';
import { setUpDemoQualtrics } from '@/lib/dal/demo-connectors';
import { createInboundTrigger, deleteInboundTrigger, rotateInboundCredentials } from '@/lib/dal/inbound-triggers';

const page = '/connectors';

export const saveQualtricsConnectionAction = defineAction({
  schema: qualtricsConnectionSchema, revalidate: page, success: 'Qualtrics connection saved. JSON events are sent with this username and API token from now on.',
  run: async (ctx, input) => { await saveQualtricsConnection(ctx, input); },
});

/** The whole Basic header, only when an admin presses Copy; never rendered into the page. */
export const revealQualtricsHeaderAction = defineAction({
  schema: z.object({}), run: (ctx) => revealQualtricsHeader(ctx),
});

export const setUpDemoQualtricsAction = defineAction({
  schema: z.object({}), revalidate: page, success: 'Demo Qualtrics connected, with a JSON event to try. Test it below, or send a report to it.',
  run: async (ctx) => { await setUpDemoQualtrics(ctx); },
});

export const saveQualtricsEventAction = defineAction({
  schema: qualtricsEventSchema, revalidate: page, success: 'JSON event saved. Integrations can send report rows to it now.',
  run: (ctx, input) => saveQualtricsEvent(ctx, input),
});

export const testQualtricsEventAction = defineAction({
  schema: testQualtricsEventSchema, run: (ctx, input) => testQualtricsEvent(ctx, input),
});

export const saveConnectorAction = defineAction({
  schema: connectorSchema, revalidate: page, success: 'Connector saved. Its actions use these settings from their next call.',
  run: (ctx, input) => saveHttpConnector(ctx, input),
});

export const deleteConnectorAction = defineAction({
  schema: idSchema, revalidate: page, success: 'Connector deleted, with its actions. Integrations that sent to them now show “deleted action” and send nothing.',
  run: async (ctx, input) => { await deleteConnector(ctx, input.id); },
});

export const saveActionAction = defineAction({
  schema: actionSchema, revalidate: page, success: 'External action saved. Integrations can send report rows to it now.',
  run: (ctx, input) => saveExternalAction(ctx, input),
});

export const testActionAction = defineAction({
  schema: testActionSchema, run: (ctx, input) => testExternalAction(ctx, input),
});

export const deleteActionAction = defineAction({
  schema: idSchema, revalidate: page, success: 'Action deleted. Integrations that sent to it now show “deleted action” and send nothing.',
  run: async (ctx, input) => { await deleteAction(ctx, input.id); },
});

export const createTriggerAction = defineAction({
  schema: inboundTriggerSchema, revalidate: page,
  run: (ctx, input) => createInboundTrigger(ctx, input),
});

export const rotateTriggerAction = defineAction({
  schema: idSchema, revalidate: page,
  run: (ctx, input) => rotateInboundCredentials(ctx, input.id),
});

export const deleteTriggerAction = defineAction({
  schema: idSchema, revalidate: page, success: 'Trigger deleted. Calls to its URL are now refused.',
  run: async (ctx, input) => { await deleteInboundTrigger(ctx, input.id); },
});

export const runConnectorIntegrationAction = defineAction({
  schema: idSchema, revalidate: page, success: 'Run started. Its result shows under Last run when it finishes.',
  run: (ctx, input) => runConnectorIntegrationNow(ctx, input.id),
});
