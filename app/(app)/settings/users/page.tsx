import { AdminOnly } from '@/components/settings/admin-only';
import { Card, PageHeader } from '@/components/ui/page';
import { Table, Td, Th } from '@/components/ui/table';
import { memberStatus } from '@/lib/auth/member-status';
import { requirePageContext } from '@/lib/auth/session';
import { listWorkspaceUsers } from '@/lib/dal/users';
import { AddUserForm, UserRowActions } from './user-forms';

export default async function UsersPage() {
  const ctx = await requirePageContext();
  if (ctx.user.role !== 'admin') {
    return (<><PageHeader title="Users" /><AdminOnly what="manage users" /></>);
  }
  const users = await listWorkspaceUsers(ctx);
  const now = new Date();
  return (
    <>
      <PageHeader title="Users" description="Admins manage accounts, connectors, users and API keys; members work with reports, integrations and runs." />
      <div className="flex flex-col gap-6">
        <Table caption="Users of this workspace">
          <thead><tr><Th>Name</Th><Th>Email</Th><Th>Role</Th><Th>Status</Th><Th>Actions</Th></tr></thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((u) => {
              const status = memberStatus(u, now);
              return (
                <tr key={u.id}>
                  <Td>{u.name}</Td>
                  <Td>{u.email}</Td>
                  <Td>{u.role === 'admin' ? 'Admin' : 'Member'}</Td>
                  <Td>
                    <span className={`whitespace-nowrap ${status.kind === 'invitation_expired' ? 'font-medium text-amber-800' : ''}`}>{status.label}</span>
                    {status.detail ? <span className="block max-w-56 text-xs text-slate-500">{status.detail}</span> : null}
                  </Td>
                  <Td>{u.id === ctx.user.userId ? <span className="text-xs text-slate-500">This is you</span> : (
                    <UserRowActions userId={u.id} email={u.email} role={u.role} disabled={Boolean(u.disabledAt)} invited={!u.passwordSet} />
                  )}</Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
        <Card title="Add user"><AddUserForm /></Card>
      </div>
    </>
  );
}
