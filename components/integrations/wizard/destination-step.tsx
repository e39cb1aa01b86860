'use client';

import Link from 'next/link';
import { useFormContext, useWatch } from 'react-hook-form';
import { FieldError } from '@/components/ui/field';
import type { WizardAccount, WizardConnector, WizardDestination, WizardValues } from './types';

const ENVIRONMENTS = [{ key: 'sandbox', label: 'Sandbox' }, { key: 'production', label: 'Production' }] as const;
const CARD = 'flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 bg-white p-3 hover:bg-slate-50 has-checked:border-brand-600 has-checked:bg-brand-50 has-disabled:cursor-not-allowed has-disabled:opacity-70';

/** What a connector holds, in words: "2 JSON events", "1 external action". */
function holds(c: WizardConnector): string {
  const n = c.actions.length;
  if (c.kind === 'qualtrics') return n === 1 ? '1 JSON event' : `${n} JSON events`;
  return n === 1 ? '1 external action' : `${n} external actions`;
}

/**
 * Screen 1: where the rows go. The connected Salesforce environments with their accounts (username, org and
 * instance), then the Qualtrics connection and the connectors to other systems. One choice for all of them.
 */
export function DestinationStep({ accounts, connectors, onPicked }: {
  accounts: WizardAccount[];
  connectors: WizardConnector[];
  onPicked: (destination: WizardDestination, id: string) => void;
}) {
  const { control, formState: { errors } } = useFormContext<WizardValues>();
  const destination = useWatch({ control, name: 'destination' }) ?? 'salesforce';
  const accountId = useWatch({ control, name: 'accountId' }) ?? '';
  const connectorId = useWatch({ control, name: 'connectorId' }) ?? '';
  const error = errors.destination?.message ?? (destination === 'salesforce' ? errors.accountId?.message : errors.connectorId?.message);
  if (accounts.length === 0 && connectors.length === 0) {
    return (
      <div className="rounded-md border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
        Nothing to send to yet. <Link href="/accounts" className="font-medium text-brand-700 underline">Connect a Salesforce account</Link>, or
        set up Qualtrics or another system on the <Link href="/connectors" className="font-medium text-brand-700 underline">Connectors page</Link>,
        then come back to create the integration.
      </div>
    );
  }
  return (
    <fieldset aria-describedby={error ? 'destination-error' : undefined} className="flex flex-col gap-6">
      <legend className="sr-only">Choose where to send the report&apos;s rows</legend>
      <FieldError id="destination-error" message={error} />
      <section aria-labelledby="destination-salesforce" className="flex flex-col gap-3">
        <div>
          <h3 id="destination-salesforce" className="text-base font-semibold text-slate-800">Choose the environment and account to push to</h3>
          <p className="text-sm text-slate-600">
            {accounts.length > 0
              ? 'Only connected Salesforce environments are listed. Test in a Sandbox first; connect Production on the Accounts page when the results look right.'
              : <>No Salesforce account is connected yet. <Link href="/accounts" className="font-medium text-brand-700 underline">Connect one on the Accounts page</Link> to push into Salesforce objects.</>}
          </p>
        </div>
        {ENVIRONMENTS.filter((env) => accounts.some((a) => a.environment === env.key)).map((env) => (
          <div key={env.key} role="group" aria-labelledby={`env-${env.key}`} className="flex flex-col gap-2">
            <h4 id={`env-${env.key}`} className="text-sm font-semibold text-slate-700">{env.label}</h4>
            {accounts.filter((a) => a.environment === env.key).map((a) => (
              <label key={a.id} className={CARD}>
                <input type="radio" name="destination-choice" value={a.id} checked={destination === 'salesforce' && accountId === a.id}
                  onChange={() => onPicked('salesforce', a.id)} className="mt-1" />
                <span className="grid gap-0.5 text-sm">
                  <span className="font-medium text-slate-900">{a.username}</span>
                  <span className="text-slate-600">{a.orgName} <span className="text-slate-400">({a.orgId})</span></span>
                  <span className="text-slate-500">{a.instanceUrl}</span>
                </span>
              </label>
            ))}
          </div>
        ))}
      </section>
      {connectors.length > 0 ? (
        <section aria-labelledby="destination-connectors" className="flex flex-col gap-3">
          <div>
            <h3 id="destination-connectors" className="text-base font-semibold text-slate-800">Or send each row to Qualtrics or another system</h3>
            <p className="text-sm text-slate-600">One call per report row to a Qualtrics JSON event or an external action. Add events and actions on the Connectors page.</p>
          </div>
          <div role="group" aria-label="Connectors" className="flex flex-col gap-2">
            {connectors.map((c) => (
              <label key={c.id} className={CARD}>
                <input type="radio" name="destination-choice" value={c.id} checked={destination === 'connector' && connectorId === c.id}
                  disabled={c.actions.length === 0} onChange={() => onPicked('connector', c.id)} className="mt-1" />
                <span className="grid gap-0.5 text-sm">
                  <span className="font-medium text-slate-900">{c.name}</span>
                  <span className="text-slate-600">{c.kind === 'qualtrics' ? 'Qualtrics JSON events' : c.host ?? 'External actions'}</span>
                  <span className="text-slate-500">
                    {c.actions.length > 0 ? holds(c) : <>No {c.kind === 'qualtrics' ? 'JSON event' : 'external action'} yet: <Link href="/connectors" className="text-brand-700 underline">add one on the Connectors page</Link>.</>}
                  </span>
                </span>
              </label>
            ))}
          </div>
        </section>
      ) : null}
    </fieldset>
  );
}
