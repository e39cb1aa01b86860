/**
 * "Preview changes" for a connector destination (Qualtrics JSON event or external action): the same check,
 * read, row filter, unchanged-row comparison and payload building as a connector run (connector-push.ts),
 * without a call. Writes nothing: no run, no run rows, no sync state, no request to the system.
 */
import type { Database } from '@/db/client';
import { getActionWithConnector } from '@/db/queries/connectors';
import { findSyncHashes } from '@/db/queries/sync-rows';
import { getIntegrationOfRun } from '@/db/queries/sync-runs';
import type { ColumnFieldPair, RowFilter } from '@/db/schema';
import { actionDefinition } from '@/lib/connectors/connector-secrets';
import { buildActionRequest, type ConnectorSecrets } from '@/lib/connectors/send-action';
import { TemplateError } from '@/lib/connectors/templating';
import { AppError, notFound } from '@/lib/errors';
import { getReportDefinition } from '@/lib/insights/catalog';
import { streamReportBatches } from '@/lib/insights/report-rows';
import { connectorRow, payloadRejection, planConnectorSend, sendDefinition } from './connector-push';
import { RunStop } from './run-stop';

/** A connector integration as the wizard holds it, saved or not. */
export interface ConnectorDraft {
  connectorId: string;
  actionId: string;
  reportId: string;
  mappings: ColumnFieldPair[];
  filters: RowFilter[];
  /** "Send on every run": unchanged rows are sent too. */
  sendUnchanged: boolean;
  /** A saved integration: rows unchanged since its last accepted call are counted as unchanged. */
  integrationId?: string;
  fullResync?: boolean;
}

/** One row's JSON body as the run would send it. */
export interface PayloadSample {
  userId: string;
  payload: Record<string, unknown>;
}

/** What a connector run would send, without sending it. Every row read is counted once: filtered out, unchanged, rejected or to send. */
export type ConnectorPreviewResult =
  | { ok: false; message: string }
  | {
    ok: true;
    destination: 'connector';
    asOf: string;
    /** “NPS detractor follow-up” through Qualtrics. */
    target: string;
    sendUnchanged: boolean;
    read: number;
    filteredOut: number;
    unchanged: number;
    rejected: number;
    toSend: number;
    samples: PayloadSample[];
    rejections: Array<{ key: string; field: null; code: string; message: string; fix: string }>;
  };

/** Payloads shown (a handful) and rejected rows listed. */
export const PAYLOAD_SAMPLE = 5;
export const REJECTION_SAMPLE = 50;

/** The dry run behind the wizard's preview of a JSON event or external action. */
export async function previewConnectorRun(deps: { db: Database; clock: () => Date }, params: { workspaceId: string; integration: ConnectorDraft; asOf?: Date }): Promise<ConnectorPreviewResult> {
  const { db } = deps;
  const draft = params.integration;
  const asOf = params.asOf ?? deps.clock();
  // The sync state compared against must be this workspace's integration's, whoever passed the id.
  if (draft.integrationId && !(await getIntegrationOfRun(db, { workspaceId: params.workspaceId, integrationId: draft.integrationId }))) throw notFound('That integration');
  const found = await getActionWithConnector(db, params.workspaceId, draft.actionId);
  if (!found || found.connector.id !== draft.connectorId) {
    throw new AppError('VALIDATION', 'That JSON event or action is not one of the chosen connector\'s. Choose one from the list on screen 2.');
  }
  const report = await getReportDefinition(db, params.workspaceId, draft.reportId);
  let plan;
  try {
    // A run's mappings come back from jsonb, which orders keys by length ("field" before "column"), and the
    // plan's fingerprint hashes them as JSON text: the draft's pairs take that order so unchanged rows compare equal.
    const mappings = draft.mappings.map((m) => ({ field: m.field, column: m.column }));
    plan = planConnectorSend(report, found.action, mappings, draft.filters);
  } catch (error) {
    if (error instanceof RunStop && error.code === 'MAPPING_INVALID') return { ok: false, message: error.message };
    throw error;
  }
  const definition = sendDefinition(actionDefinition(found.action), plan);
  // The request is built as a run builds it, minus the credentials: the preview never shows or sends them.
  const connector: ConnectorSecrets = { kind: found.connector.kind, name: found.connector.name, baseUrl: found.connector.baseUrl, authType: 'none', authUsername: null, authHeaderName: null, secret: null };
  const compare = Boolean(draft.integrationId) && !draft.fullResync && !draft.sendUnchanged;
  const counts = { read: 0, filteredOut: 0, unchanged: 0, rejected: 0, toSend: 0 };
  const samples: PayloadSample[] = [];
  const rejections: Extract<ConnectorPreviewResult, { ok: true }>['rejections'] = [];
  for await (const batch of streamReportBatches(db, params.workspaceId, draft.reportId, { asOf, batchSize: 2_000 })) {
    counts.read += batch.rows.length;
    const candidates = batch.rows.flatMap((row, i) => connectorRow(row, batch.userIds[i], plan) ?? []);
    counts.filteredOut += batch.rows.length - candidates.length;
    const hashes = compare ? await findSyncHashes(db, draft.integrationId!, candidates.map((c) => c.key)) : new Map<string, string>();
    for (const row of candidates) {
      if (hashes.get(row.key) === row.valuesHash) { counts.unchanged++; continue; }
      try {
        const request = buildActionRequest(connector, definition, row.values);
        counts.toSend++;
        if (samples.length < PAYLOAD_SAMPLE) samples.push({ userId: row.userId, payload: request.payload });
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        counts.rejected++;
        if (rejections.length < REJECTION_SAMPLE) rejections.push({ key: row.userId, field: null, ...payloadRejection(error) });
      }
    }
  }
  const target = `“${found.action.name}” through ${found.connector.kind === 'qualtrics' ? 'Qualtrics' : found.connector.name}`;
  return { ok: true, destination: 'connector', asOf: asOf.toISOString(), target, sendUnchanged: draft.sendUnchanged, ...counts, samples, rejections };
}
