'use client';

import Link from 'next/link';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { FieldError } from '@/components/ui/field';
import { ReportPicker } from './pickers';
import type { WizardAction, WizardConnector, WizardReport, WizardValues } from './types';

/** What the action's payload asks for, in words. */
function payloadWords(action: WizardAction): string {
  if (action.tokens.length > 0) return `Payload keys: ${action.tokens.join(', ')}`;
  if (action.triggerOnly) return 'A trigger: add key-value pairs on screen 3, or send none';
  return 'Keys are free: name them on screen 3';
}

/**
 * Screen 2 for a connector: the report, then the JSON event or external action that each row is sent to
 * (in place of the Salesforce object). Every report can be sent to a connector.
 */
export function ActionStep({ reports, connector, onReportChange, onActionChange }: {
  reports: WizardReport[];
  connector: WizardConnector | undefined;
  onReportChange: (report: WizardReport | undefined) => void;
  onActionChange: (action: WizardAction | undefined) => void;
}) {
  const { control, formState: { errors } } = useFormContext<WizardValues>();
  const actionId = useWatch({ control, name: 'actionId' }) ?? '';
  const qualtrics = connector?.kind === 'qualtrics';
  const what = qualtrics ? 'JSON event' : 'external action';
  const actionError = errors.actionId?.message;
  return (
    <div className="flex flex-col gap-6">
      <ReportPicker reports={reports} hint="Each row of the report is one call." onReportChange={onReportChange} />
      <fieldset aria-describedby={actionError ? 'actionId-error' : 'actionId-hint'} className="flex flex-col gap-2">
        <legend className="text-base font-semibold text-slate-800">{qualtrics ? 'Choose the JSON event' : `Choose the external action of ${connector?.name ?? 'the connector'}`}</legend>
        <p id="actionId-hint" className="text-sm text-slate-600">
          {qualtrics ? 'The JSON event of the Qualtrics workflow to trigger, once per row.' : 'The call to make, once per row.'} To add
          another {what}, go to the <Link href="/connectors" className="text-brand-700 underline">Connectors page</Link>.
        </p>
        <FieldError id="actionId-error" message={actionError} />
        <Controller control={control} name="actionId" render={({ field: f }) => (
          <div className="flex flex-col gap-2">
            {(connector?.actions ?? []).map((a) => (
              <label key={a.id} className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 bg-white p-3 hover:bg-slate-50 has-checked:border-brand-600 has-checked:bg-brand-50">
                <input type="radio" name={f.name} value={a.id} checked={actionId === a.id} onBlur={f.onBlur}
                  onChange={() => { f.onChange(a.id); onActionChange(a); }} className="mt-1" />
                <span className="grid gap-0.5 text-sm">
                  <span className="font-medium text-slate-900">{a.name}</span>
                  <span className="font-mono text-xs text-slate-600">{a.call}</span>
                  <span className="text-slate-500">{payloadWords(a)}</span>
                </span>
              </label>
            ))}
          </div>
        )} />
      </fieldset>
    </div>
  );
}
