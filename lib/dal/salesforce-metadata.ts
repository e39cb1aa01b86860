import 'server-only';
import type { Ctx } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import type { ReportColumn } from '@/lib/insights/columns';
import { proposeCustomField } from '@/lib/integrations/suggest';
import { getSalesforceSettings } from '@/lib/salesforce/app-settings';
import type { SalesforceField, SObjectDescribe, SObjectSummary } from '@/lib/salesforce/client';
import { cachedDescribe, cachedObjects, forgetDescribes } from '@/lib/salesforce/describe-cache';
import { SalesforceApiError } from '@/lib/salesforce/errors';
import { createSalesforceClient } from '@/lib/salesforce/jsforce-client';
import type { SalesforceSettings } from '@/lib/salesforce/settings';
import { audit } from './guards';
import { readWorkspaceSettings } from './workspace-settings';

// createSalesforceClient refuses an account of another workspace (NOT_FOUND) and one that needs reconnecting.
async function clientFor(ctx: Ctx, accountId: string, settings?: SalesforceSettings) {
  return createSalesforceClient(ctx.db, settings ?? await getSalesforceSettings(), ctx.user.workspaceId, accountId);
}

/** The objects an integration can write to: updateable ones, by label. */
export async function listTargetObjects(ctx: Ctx, input: { accountId: string; refresh?: boolean }, settings?: SalesforceSettings): Promise<SObjectSummary[]> {
  const client = await clientFor(ctx, input.accountId, settings);
  const all = await cachedObjects(input.accountId, () => client.describeGlobal(), { refresh: input.refresh });
  return all.filter((o) => o.updateable).sort((a, b) => a.label.localeCompare(b.label));
}

/** One object's fields as the connected user sees them (fields hidden by field-level security are absent). */
export async function describeTargetObject(ctx: Ctx, input: { accountId: string; objectName: string; refresh?: boolean }, settings?: SalesforceSettings): Promise<SObjectDescribe> {
  const client = await clientFor(ctx, input.accountId, settings);
  return cachedDescribe(input.accountId, input.objectName, () => client.describe(input.objectName), { refresh: input.refresh });
}

/**
 * "+ New field": creates the custom field a report column needs (name from the workspace's prefix plus the
 * column, type from the column), grants field-level security to the admin profiles, and returns the field
 * as a fresh describe shows it. A refusal is explained in Salesforce's terms with the fix.
 */
export async function createFieldForColumn(ctx: Ctx, input: { accountId: string; objectName: string; column: ReportColumn }, settings?: SalesforceSettings): Promise<SalesforceField> {
  const client = await clientFor(ctx, input.accountId, settings);
  const { fieldPrefix } = await readWorkspaceSettings(ctx);
  const before = await cachedDescribe(input.accountId, input.objectName, () => client.describe(input.objectName), { refresh: true });
  const proposal = proposeCustomField(before.name, input.column, fieldPrefix, before.fields.map((f) => f.name));
  try {
    await client.createCustomField(proposal);
  } catch (error) {
    if (error instanceof SalesforceApiError) {
      throw new AppError('SALESFORCE', `Salesforce did not create the field ${before.name}.${proposal.name}__c: ${error.message}`, { cause: error });
    }
    throw error;
  }
  forgetDescribes(input.accountId, input.objectName);
  const after = await cachedDescribe(input.accountId, input.objectName, () => client.describe(input.objectName), { refresh: true });
  const created = after.fields.find((f) => f.name.toLowerCase() === `${proposal.name}__c`.toLowerCase());
  if (!created) {
    throw new AppError('SALESFORCE', `Salesforce created ${before.name}.${proposal.name}__c but the connected user cannot see it. Grant read and edit on it (field-level security) in Salesforce Setup, then click Refresh.`);
  }
  await audit(ctx, 'salesforce.field.create', 'salesforce_account', input.accountId, `Created ${before.name}.${created.name} (${proposal.type}) for the column "${input.column.name}"`);
  return created;
}
