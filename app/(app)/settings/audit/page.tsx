import { z } from 'zod';
import { AdminOnly } from '@/components/settings/admin-only';
import { Button } from '@/components/ui/button';
import { Field, SelectField } from '@/components/ui/field';
import { EmptyState, PageHeader } from '@/components/ui/page';
import { Table, Td, Th } from '@/components/ui/table';
import { requirePageContext } from '@/lib/auth/session';
import { listWorkspaceAudit } from '@/lib/dal/audit';
import { AUDIT_ACTION_LABELS, auditActionLabel } from '@/lib/audit-actions';
import { formatUtc } from '@/lib/format';

const filterSchema = z.object({
  actor: z.string().trim().max(200).optional().catch(undefined),
  action: z.string().trim().max(100).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
});

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await requirePageContext();
  if (ctx.user.role !== 'admin') return (<><PageHeader title="Audit log" /><AdminOnly what="read the audit log" /></>);
  const filter = filterSchema.parse(await searchParams);
  const backwards = filter.from && filter.to && filter.from > filter.to;
  const entries = backwards ? [] : await listWorkspaceAudit(ctx, {
    actor: filter.actor || undefined,
    action: filter.action || undefined,
    from: filter.from ? new Date(`${filter.from}T00:00:00Z`) : undefined,
    to: filter.to ? new Date(`${filter.to}T23:59:59.999Z`) : undefined,
    limit: 200,
  });
  return (
    <>
      <PageHeader title="Audit log" description="Sign-ins and every change to users, keys, accounts and integrations. Times are UTC." />
      <form className="mb-6 grid items-end gap-3 sm:grid-cols-5" aria-label="Filter audit log">
        <Field label="Who (email contains)" name="actor" defaultValue={filter.actor} />
        <SelectField label="Action" name="action" defaultValue={filter.action ?? ''} className="h-[38px]">
          <option value="">Any action</option>
          {Object.entries(AUDIT_ACTION_LABELS).sort((a, b) => a[1].localeCompare(b[1])).map(([code, label]) => <option key={code} value={code}>{label}</option>)}
        </SelectField>
        <Field label="From" name="from" type="date" defaultValue={filter.from} />
        <Field label="To" name="to" type="date" defaultValue={filter.to} error={backwards ? 'Choose a date on or after From.' : undefined} />
        <Button type="submit" variant="secondary">Filter</Button>
      </form>
      {entries.length === 0 ? <EmptyState title="No entries match">{backwards ? 'Choose a From date on or before the To date.' : 'Change or clear the filters.'}</EmptyState> : (
        <Table caption="Audit entries">
          <thead><tr><Th>When (UTC)</Th><Th>Who</Th><Th>Action</Th><Th>What</Th></tr></thead>
          <tbody className="divide-y divide-slate-100">
            {entries.map((e) => (
              <tr key={e.id}><Td>{formatUtc(e.createdAt)}</Td><Td>{e.actorEmail ?? 'API or command line'}</Td><Td>{auditActionLabel(e.action)}</Td><Td>{e.summary}</Td></tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
