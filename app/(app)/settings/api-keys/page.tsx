import { AdminOnly } from '@/components/settings/admin-only';
import { Card, EmptyState, PageHeader } from '@/components/ui/page';
import { Table, Td, Th } from '@/components/ui/table';
import { requirePageContext } from '@/lib/auth/session';
import { listWorkspaceApiKeys } from '@/lib/dal/api-keys';
import { formatUtc } from '@/lib/format';
import { CreateApiKeyForm, RevokeApiKeyButton } from './api-key-forms';

export default async function ApiKeysPage() {
  const ctx = await requirePageContext();
  if (ctx.user.role !== 'admin') return (<><PageHeader title="API keys" /><AdminOnly what="manage API keys" /></>);
  const keys = await listWorkspaceApiKeys(ctx);
  return (
    <>
      <PageHeader title="API keys" description="Send end-user events to POST /api/v1/events with “Authorization: Bearer <key>”." />
      <div className="flex flex-col gap-6">
        <Card title="Create a key"><CreateApiKeyForm /></Card>
        {keys.length === 0 ? (
          <EmptyState title="No API keys yet">Create a key to let your product send end-user events.</EmptyState>
        ) : (
          <Table caption="API keys">
            <thead><tr><Th>Name</Th><Th>Key</Th><Th>Created (UTC)</Th><Th>Last used (UTC)</Th><Th>Status</Th><Th /></tr></thead>
            <tbody className="divide-y divide-slate-100">
              {keys.map((k) => (
                <tr key={k.id}>
                  <Td>{k.name}</Td>
                  <Td><code className="font-mono text-xs">{k.prefix}…</code></Td>
                  <Td>{formatUtc(k.createdAt)}</Td>
                  <Td>{k.lastUsedAt ? formatUtc(k.lastUsedAt) : 'Never'}</Td>
                  <Td>{k.revokedAt ? 'Revoked' : 'Active'}</Td>
                  <Td>{k.revokedAt ? null : <RevokeApiKeyButton id={k.id} name={k.name} />}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>
    </>
  );
}
