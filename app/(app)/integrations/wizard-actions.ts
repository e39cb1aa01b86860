'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { previewWizardIntegration, saveWizardIntegration } from '@/lib/dal/integration-wizard';
import { createFieldForColumn, describeTargetObject, listTargetObjects } from '@/lib/dal/salesforce-metadata';
import { AppError } from '@/lib/errors';
import { getReportDefinition } from '@/lib/insights/catalog';
import { integrationSchema, type IntegrationFormValues } from '@/lib/integrations/schema';

// The wizard's server side: every action checks the session (defineAction) and the DAL checks the workspace.

const accountInput = z.object({ accountId: z.uuid({ error: 'Choose a Salesforce account.' }), refresh: z.boolean().default(false) });
const objectInput = accountInput.extend({ objectName: z.string().trim().min(1, { error: 'Choose a Salesforce object.' }).max(100) });

/** Screen 2's object list: the account's updateable objects (cached; `refresh` asks Salesforce again). */
export async function listObjectsAction(input: z.input<typeof accountInput>) {
  return defineAction({ schema: accountInput, run: (ctx, v) => listTargetObjects(ctx, v) })(null, input);
}

/** The object's fields as the connected user sees them (cached; `refresh` asks Salesforce again). */
export async function describeObjectAction(input: z.input<typeof objectInput>) {
  return defineAction({ schema: objectInput, run: (ctx, v) => describeTargetObject(ctx, v) })(null, input);
}

const newFieldInput = objectInput.extend({ reportId: z.string().min(1).max(100), column: z.string().min(1).max(200) });

/** "+ New field": creates the custom field for a report column and answers it as describe shows it. */
export async function createFieldAction(input: z.input<typeof newFieldInput>) {
  return defineAction({
    schema: newFieldInput,
    run: async (ctx, v) => {
      const report = await getReportDefinition(ctx.db, ctx.user.workspaceId, v.reportId);
      const column = report.columns.find((c) => c.name === v.column);
      if (!column) throw new AppError('VALIDATION', `The report has no column "${v.column}". Choose a column first.`);
      return createFieldForColumn(ctx, { accountId: v.accountId, objectName: v.objectName, column });
    },
  })(null, input);
}

/** SAVE on a new integration: the shared schema again, then the describe-aware check, then create. */
export async function createIntegrationAction(input: IntegrationFormValues) {
  return defineAction({
    schema: integrationSchema, revalidate: '/integrations',
    run: async (ctx, v) => ({ id: (await saveWizardIntegration(ctx, {}, v)).id }),
  })(null, input);
}

/** SAVE on an edit; `expectedVersion` refuses to overwrite a change saved meanwhile. */
export async function updateIntegrationAction(id: string, expectedVersion: number, input: IntegrationFormValues) {
  return defineAction({
    schema: integrationSchema, revalidate: '/integrations',
    run: async (ctx, v) => ({ id: (await saveWizardIntegration(ctx, { id, expectedVersion }, v)).id }),
  })(null, input);
}

/** "Preview changes": the dry run of the form as it stands; `integrationId` when editing a saved one. */
export async function previewIntegrationAction(integrationId: string | undefined, input: IntegrationFormValues) {
  return defineAction({ schema: integrationSchema, run: (ctx, v) => previewWizardIntegration(ctx, v, integrationId) })(null, input);
}
