/**
 * What each audit action code means, in words for the audit log's readers. The codes stay as stored (they are
 * what filters and exports match on); the page shows these labels instead of `user.password_reset`.
 */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  sign_in: 'Signed in',
  sign_in_failed: 'Sign-in refused',
  'workspace.create': 'Workspace created',
  'workspace.settings': 'Workspace options changed',
  'user.create': 'User added',
  'user.role': 'Role changed',
  'user.disable': 'User disabled',
  'user.enable': 'User enabled',
  'user.invite_link': 'Invitation link made',
  'user.invite_accepted': 'Invitation accepted',
  'user.reset_link': 'Reset link made',
  'user.password_reset': 'Password reset',
  'user.password_change': 'Password changed',
  'api_key.create': 'API key created',
  'api_key.revoke': 'API key revoked',
  'salesforce.connect': 'Salesforce account connected',
  'salesforce.reconnect': 'Salesforce account reconnected',
  'salesforce.disconnect': 'Salesforce account disconnected',
  'salesforce.field.create': 'Salesforce field created',
  'integration.create': 'Integration created',
  'integration.edit': 'Integration edited',
  'integration.pause': 'Integration paused',
  'integration.resume': 'Integration resumed',
  'integration.delete': 'Integration deleted',
  'integration.run': 'Run started',
  'report.create': 'Report created',
  'report.edit': 'Report edited',
  'report.delete': 'Report deleted',
  'report.tag': 'Tag added',
  'report.untag': 'Tag removed',
  'events.import': 'Events imported',
  'connector.create': 'Connector added',
  'connector.update': 'Connector changed',
  'connector.delete': 'Connector deleted',
  'connector.reveal': 'Connector secret copied',
  'action.create': 'Action added',
  'action.update': 'Action changed',
  'action.delete': 'Action deleted',
  'inbound_trigger.create': 'Inbound trigger added',
  'inbound_trigger.rotate': 'Inbound trigger credentials replaced',
  'inbound_trigger.delete': 'Inbound trigger deleted',
};

/** The label of an action code; a code without one (added later) is still shown in words, not as `a_b.c`. */
export function auditActionLabel(action: string): string {
  const known = AUDIT_ACTION_LABELS[action];
  if (known) return known;
  const words = action.replace(/[._]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
