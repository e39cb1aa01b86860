'use client';

import { Controller, useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { XIcon } from '@/components/ui/dialog';
import { FieldError, FormField, inputClass } from '@/components/ui/field';
import { FILTER_OPERATORS } from '@/lib/connectors/row-filter';
import { MAPPING_ROW_CLASS, MappingColumnField } from './pickers';
import { NameAndSchedule } from './schedule-fields';
import type { WizardAction, WizardReport, WizardValues } from './types';

/**
 * Screen 3 for a connector: report columns to payload keys (the action's {{tokens}} are offered; a JSON
 * event's keys are free), an optional row filter, whether unchanged rows are sent again, then the name and
 * the schedule.
 */
export function PayloadStep({ report, action, notice }: { report: WizardReport | undefined; action: WizardAction | undefined; notice: string | null }) {
  const { control, register, formState: { errors } } = useFormContext<WizardValues>();
  const rows = useFieldArray({ control, name: 'mappings' });
  const filters = useFieldArray({ control, name: 'filters' });
  const mappings = useWatch({ control, name: 'mappings' }) ?? [];
  const filterValues = useWatch({ control, name: 'filters' }) ?? [];
  const used = new Set(mappings.map((m) => m?.field ?? ''));
  const rowsError = errors.mappings?.message ?? errors.mappings?.root?.message;
  const tokens = action?.tokens ?? [];
  return (
    <div className="flex flex-col gap-8">
      <fieldset className="flex flex-col gap-3" aria-describedby={rowsError ? 'mappings-error' : 'mappings-hint'}>
        <legend className="text-base font-semibold text-slate-800">Report columns to payload keys</legend>
        <p id="mappings-hint" className="text-sm text-slate-600">
          {tokens.length > 0
            ? `The action's payload uses ${tokens.map((t) => `{{${t}}}`).join(', ')}: choose the report column that fills each.`
            : 'Each row adds a key-value pair to the JSON sent for a report row: the key, and the column whose value it carries.'}
        </p>
        {notice ? <p role="status" className="text-sm text-slate-700">{notice}</p> : null}
        <FieldError id="mappings-error" message={rowsError} />
        <datalist id="payload-key-suggestions">
          {tokens.filter((t) => !used.has(t)).map((t) => <option key={t} value={t} />)}
        </datalist>
        {rows.fields.map((row, index) => {
          const rowErrors = errors.mappings?.[index];
          const label = `Payload row ${index + 1}`;
          return (
            <div key={row.id} role="group" aria-label={label}
              className={MAPPING_ROW_CLASS}>
              <MappingColumnField index={index} report={report} error={rowErrors?.column?.message} />
              <span aria-hidden="true" className="mt-8 text-slate-400">→</span>
              <FormField id={`mappings-${index}-field`} label="Payload key" error={rowErrors?.field?.message}>
                {(field) => <input {...field} {...register(`mappings.${index}.field`)} list="payload-key-suggestions" autoComplete="off"
                  placeholder={tokens.length > 0 ? 'A token, like ' + tokens[0] : 'Like email or Company GSID'} className={`${inputClass} font-mono`} />}
              </FormField>
              <div className="mt-6">
                <Button type="button" variant="ghost" aria-label={`Remove ${label.toLowerCase()}`} onClick={() => rows.remove(index)}
                  className="opacity-0 group-hover:opacity-100 group-focus-within:opacity-100 focus-visible:opacity-100"><XIcon /></Button>
              </div>
            </div>
          );
        })}
        <div>
          <Button type="button" variant="secondary" onClick={() => rows.append({ column: '', field: '' })}>ADD COLUMN</Button>
        </div>
      </fieldset>

      <fieldset className="flex flex-col gap-3" aria-describedby="filters-hint">
        <legend className="text-base font-semibold text-slate-800">Send only rows where (optional)</legend>
        <p id="filters-hint" className="text-sm text-slate-600">
          {filters.fields.length === 0 ? 'Every row of the report is sent. Add a condition to send only some, like NPS Score is at most 6 for detractors.'
            : 'Only rows that meet every condition are sent. Numbers and dates compare by value; text ignores case.'}
        </p>
        {filters.fields.map((row, index) => {
          const rowErrors = errors.filters?.[index];
          const operator = filterValues[index]?.operator ?? 'eq';
          const needsValue = FILTER_OPERATORS.find((o) => o.value === operator)?.needsValue ?? true;
          return (
            <div key={row.id} role="group" aria-label={`Condition ${index + 1}`}
              className="grid items-start gap-3 rounded-md border border-slate-200 bg-white p-3 sm:grid-cols-[1fr_12rem_1fr_auto]">
              <FormField id={`filters-${index}-column`} label="Column" error={rowErrors?.column?.message}>
                {(field) => (
                  <select {...field} {...register(`filters.${index}.column`)} className={inputClass}>
                    <option value="">Choose a column</option>
                    {(report?.columns ?? []).map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
                  </select>
                )}
              </FormField>
              <FormField id={`filters-${index}-operator`} label="Operator" error={rowErrors?.operator?.message}>
                {(field) => (
                  <select {...field} {...register(`filters.${index}.operator`)} className={inputClass}>
                    {FILTER_OPERATORS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                  </select>
                )}
              </FormField>
              <FormField id={`filters-${index}-value`} label="Value" error={rowErrors?.value?.message}>
                {(field) => <input {...field} {...register(`filters.${index}.value`)} readOnly={!needsValue} placeholder={needsValue ? 'Like 6 or Detractor' : 'No value needed'} className={inputClass} />}
              </FormField>
              <div className="mt-6">
                <Button type="button" variant="ghost" aria-label={`Remove condition ${index + 1}`} onClick={() => filters.remove(index)}><XIcon /></Button>
              </div>
            </div>
          );
        })}
        <div>
          <Button type="button" variant="secondary" onClick={() => filters.append({ column: '', operator: 'eq', value: '' })} disabled={!report}>Add condition</Button>
        </div>
      </fieldset>

      <fieldset className="flex flex-col gap-2">
        <legend className="text-base font-semibold text-slate-800">Which rows each run sends</legend>
        <Controller control={control} name="sendUnchanged" render={({ field: f }) => (
          <div className="flex flex-col gap-2 text-sm text-slate-700">
            <label className="flex items-start gap-2">
              <input type="radio" name={f.name} checked={!f.value} onChange={() => f.onChange(false)} className="mt-1" />
              <span>Only rows that are new or changed since the last run <span className="block text-xs text-slate-500">A row sent once is sent again when one of its mapped values changes.</span></span>
            </label>
            <label className="flex items-start gap-2">
              <input type="radio" name={f.name} checked={Boolean(f.value)} onChange={() => f.onChange(true)} className="mt-1" />
              <span>Send on every run <span className="block text-xs text-slate-500">Every matching row is sent each time, changed or not.</span></span>
            </label>
          </div>
        )} />
      </fieldset>

      <NameAndSchedule nameHint="Suggested from the report and the action; change it as you like." />
    </div>
  );
}
