'use client';

import Link from 'next/link';
import { useFormContext } from 'react-hook-form';
import { FieldError } from '@/components/ui/field';
import type { WizardAccount, WizardValues } from './types';

const ENVIRONMENTS = [{ key: 'sandbox', label: 'Sandbox' }, { key: 'production', label: 'Production' }] as const;

/** Screen 1: the connected environments only, each account with its username, org and instance. */
export function AccountStep({ accounts, onPicked }: { accounts: WizardAccount[]; onPicked: () => void }) {
  const { register, formState: { errors } } = useFormContext<WizardValues>();
  if (accounts.length === 0) {
    return (
      <div className="rounded-md border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
        No Salesforce account is connected yet. <Link href="/accounts" className="font-medium text-brand-700 underline">Connect one on the Accounts page</Link>,
        then come back to create the integration.
      </div>
    );
  }
  const error = errors.accountId?.message;
  return (
    <fieldset aria-describedby={error ? 'accountId-error' : 'accountId-hint'} className="flex flex-col gap-5">
      <legend className="mb-1 text-base font-semibold text-slate-800">Choose the environment and account to push to</legend>
      <p id="accountId-hint" className="text-sm text-slate-600">Only connected environments are listed. Test in a Sandbox first; connect Production on the Accounts page when the results look right.</p>
      <FieldError id="accountId-error" message={error} />
      {ENVIRONMENTS.filter((env) => accounts.some((a) => a.environment === env.key)).map((env) => (
        <div key={env.key} role="group" aria-labelledby={`env-${env.key}`} className="flex flex-col gap-2">
          <h3 id={`env-${env.key}`} className="text-sm font-semibold text-slate-700">{env.label}</h3>
          {accounts.filter((a) => a.environment === env.key).map((a) => (
            <label key={a.id} className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 bg-white p-3 hover:bg-slate-50 has-checked:border-brand-600 has-checked:bg-brand-50">
              <input type="radio" value={a.id} {...register('accountId', { onChange: onPicked })} className="mt-1" />
              <span className="grid gap-0.5 text-sm">
                <span className="font-medium text-slate-900">{a.username}</span>
                <span className="text-slate-600">{a.orgName} <span className="text-slate-400">({a.orgId})</span></span>
                <span className="text-slate-500">{a.instanceUrl}</span>
              </span>
            </label>
          ))}
        </div>
      ))}
    </fieldset>
  );
}
