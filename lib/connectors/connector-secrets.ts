import type { Database } from '@/db/client';
import { getActionWithConnector, type ConnectorActionRow, type ConnectorRow } from '@/db/queries/connectors';
import { AppError } from '@/lib/errors';
import { decryptSecret } from '@/lib/secrets/cipher';
import type { ActionDefinition, ConnectorSecrets } from './send-action';

/** A connector row with its secret opened; for server code that is about to call the system. */
export function openConnector(row: ConnectorRow): ConnectorSecrets {
  return {
    kind: row.kind, name: row.name, baseUrl: row.baseUrl, authType: row.authType, authUsername: row.authUsername,
    authHeaderName: row.authHeaderName, secret: row.secretSealed ? decryptSecret(row.secretSealed) : null,
  };
}

/** The call an action row makes. */
export function actionDefinition(row: ConnectorActionRow): ActionDefinition {
  return { method: row.method, url: row.url, headers: row.headers, payloadTemplate: row.payloadTemplate };
}

/** An action and its opened connector, for a run or a test; NOT_FOUND when either is gone. */
export async function loadActionForSending(db: Database, workspaceId: string, actionId: string) {
  const found = await getActionWithConnector(db, workspaceId, actionId);
  if (!found) throw new AppError('NOT_FOUND', 'The action this integration sends to was deleted. Edit the integration and choose another action.');
  return {
    action: found.action, connector: found.connector,
    secrets: openConnector(found.connector), definition: actionDefinition(found.action),
    callsPerMinute: found.connector.callsPerMinute,
  };
}
