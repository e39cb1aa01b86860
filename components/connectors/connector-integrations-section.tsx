import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { Table, Td, Th } from '@/components/ui/table';
import type { ActionForDisplay } from '@/lib/dal/connector-actions';
import type { ConnectorIntegrationForDisplay } from '@/lib/dal/connector-integrations';
import { FILTER_OPERATORS } from '@/lib/connectors/row-filter';
import { formatUtc } from '@/lib/format';
import { RunNowButton } from './run-now-button';

const STATUS = { queued: 'Queued', running: 'Running', completed: 'Completed', failed: 'Failed' } as const;
const OPERATOR = new Map(FILTER_OPERATORS.map((o) => [o.value, o.label]));

/** Integrations that send report rows to JSON events and actions, with their last run, Run Now and Edit (the integration wizard). */
export function ConnectorIntegrationsSection({ integrations, actions }: { integrations: ConnectorIntegrationForDisplay[]; actions: ActionForDisplay[] }) {
  const actionName = new Map(actions.map((a) => [a.id, a.name]));
  return (
    <section id="connector-integrations" aria-labelledby="connector-integrations-heading" className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="connector-integrations-heading" className="text-lg font-semibold">Reports sent to connectors</h2>
          <p className="mt-1 text-sm text-slate-600">
            Integrations whose destination is a JSON event or an external action: one call per matching row. They are made in the integration wizard
            and listed on the <Link href="/integrations" className="text-brand-700 underline">Integrations</Link> page too.
          </p>
        </div>
        {actions.length > 0 ? <Link href="/integrations/new" className={buttonClass('primary')}>Create integration</Link> : null}
      </div>
      {integrations.length === 0 ? <p className="text-sm text-slate-600">None yet.{actions.length === 0 ? ' Add a JSON event or an action first.' : ''}</p> : (
        <Table caption="Reports sent to connectors">
          <thead><tr><Th>Name</Th><Th>Sends to</Th><Th>Only rows where</Th><Th>Last run (UTC)</Th><Th /></tr></thead>
          <tbody className="divide-y divide-slate-100">
            {integrations.map((i) => (
              <tr key={i.id}>
                <Td>{i.name}</Td>
                <Td>{i.actionId ? actionName.get(i.actionId) ?? '' : <span className="text-red-700">deleted action</span>}</Td>
                <Td>{i.filters.length ? i.filters.map((f) => `${f.column} ${OPERATOR.get(f.operator) ?? f.operator}${f.value === null || f.value === undefined ? '' : ` ${String(f.value)}`}`).join(', ') : 'every row'}</Td>
                <Td>
                  {i.lastRun ? (
                    <span data-testid={`last-run-${i.id}`}>
                      {STATUS[i.lastRun.status]} {formatUtc(i.lastRun.finishedAt ?? i.lastRun.queuedAt)}
                      {i.lastRun.trigger === 'inbound' ? ' (inbound trigger)' : ''}
                      {i.lastRun.message ? <span className="block text-xs text-slate-500">{i.lastRun.message}</span> : null}
                    </span>
                  ) : 'Never'}
                </Td>
                <Td>
                  <div className="flex items-center justify-end gap-3">
                    <Link href={`/integrations/${i.id}/edit`} className="text-sm font-medium text-brand-700 hover:underline" aria-label={`Edit ${i.name}`}>Edit</Link>
                    <RunNowButton id={i.id} name={i.name} />
                  </div>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
