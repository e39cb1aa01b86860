import type { ActionResult } from '@/lib/errors';
import type { ConnectorPreviewResult } from '@/lib/sync/connector-preview';
import type { PreviewResult } from '@/lib/sync/preview';
import type { ColumnType } from '@/lib/insights/columns';
import type { IntegrationFormValues } from '@/lib/integrations/schema';
import type { SalesforceField, SObjectDescribe, SObjectSummary } from '@/lib/salesforce/client';

export type { WizardAccount, WizardAction, WizardConnector, WizardReport } from '@/lib/dal/integration-wizard';

/** The server actions the wizard calls; the page passes them in (components do not import routes). */
export interface WizardActions {
  listObjects: (input: { accountId: string; refresh?: boolean }) => Promise<ActionResult<SObjectSummary[]>>;
  describeObject: (input: { accountId: string; objectName: string; refresh?: boolean }) => Promise<ActionResult<SObjectDescribe>>;
  createField: (input: { accountId: string; objectName: string; reportId: string; column: string }) => Promise<ActionResult<SalesforceField>>;
  save: (values: IntegrationFormValues) => Promise<ActionResult<{ id: string }>>;
  preview: (values: IntegrationFormValues) => Promise<ActionResult<PreviewResult | ConnectorPreviewResult>>;
}

/** What "Preview changes" shows: the engine's dry run (lib/sync/preview.ts, or connector-preview.ts for a JSON event or action). */
export type { PreviewResult } from '@/lib/sync/preview';
export type { ConnectorPreviewResult } from '@/lib/sync/connector-preview';

/** The form's values: the shared schema's input. */
export type WizardValues = IntegrationFormValues;

/** Where the rows go: a Salesforce object, or a connector's JSON event or external action. */
export type WizardDestination = 'salesforce' | 'connector';

/** The three screens of each destination, in order. Screen 1 (the destination) is the same for both. */
export const STEPS = {
  salesforce: ['Destination', 'Report and object', 'Field mapping'],
  connector: ['Destination', 'Report and action', 'Payload mapping'],
} as const satisfies Record<WizardDestination, readonly string[]>;

/** The form fields each screen edits, checked before moving past it. */
export const STEP_FIELDS = {
  salesforce: [['destination', 'accountId'], ['reportId', 'objectName', 'keys'], ['mappings', 'name', 'scheduleCron', 'scheduleTimezone']],
  connector: [['destination', 'connectorId'], ['reportId', 'actionId'], ['mappings', 'filters', 'name', 'scheduleCron', 'scheduleTimezone']],
} as const;

/** Which screen a form field (or a server error's path) belongs to. */
export function stepOf(path: string): number {
  if (path === 'destination' || path === 'accountId' || path === 'connectorId') return 0;
  if (path === 'reportId' || path === 'objectName' || path === 'actionId' || path.startsWith('keys')) return 1;
  return 2;
}

const COLUMN_TYPE_LABELS: Record<ColumnType, string> = {
  string: 'Text', email: 'Email', number: 'Number', integer: 'Whole number', percent: 'Percent', boolean: 'Yes/No', date: 'Date', datetime: 'Date/Time',
};

/** A report column's type in words, as the lists show it. */
export function columnTypeLabel(type: ColumnType): string {
  return COLUMN_TYPE_LABELS[type];
}

/** Turns an ActionResult into its data, or throws its message (for react-query). */
export function unwrap<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new Error(result.message);
  return result.data;
}
