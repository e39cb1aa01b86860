'use client';

import { Controller, useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Combobox, type ComboboxOption } from '@/components/ui/combobox';
import { XIcon } from '@/components/ui/dialog';
import { FieldError, FormField } from '@/components/ui/field';
import { fieldTypeLabel } from '@/lib/integrations/check-mapping';
import type { SalesforceField, SObjectDescribe, SObjectSummary } from '@/lib/salesforce/client';
import { ReportPicker } from './pickers';
import { columnTypeLabel, type WizardReport, type WizardValues } from './types';

/** Fields Salesforce can find records by: filterable, and of a type a key compares as text or a number. */
const KEY_TYPES = new Set(['id', 'string', 'email', 'phone', 'url', 'int', 'double', 'reference', 'picklist']);
const keyCandidates = (fields: SalesforceField[]) => fields.filter((f) => f.filterable && KEY_TYPES.has(f.type));

/** Screen 2: the report and the object, then the key rows that match a row to its records. */
export function KeysStep({ reports, report, objects, describe, onReportChange, onObjectChange, refreshButton }: {
  reports: WizardReport[];
  report: WizardReport | undefined;
  objects: { data?: SObjectSummary[]; isLoading: boolean; error: Error | null };
  describe: { data?: SObjectDescribe; isLoading: boolean; error: Error | null };
  onReportChange: (report: WizardReport | undefined) => void;
  onObjectChange: (objectName: string) => void;
  refreshButton: React.ReactNode;
}) {
  const { control, formState: { errors } } = useFormContext<WizardValues>();
  const keys = useFieldArray({ control, name: 'keys' });
  const keyValues = useWatch({ control, name: 'keys' }) ?? [];
  const objectOptions: ComboboxOption[] = (objects.data ?? []).map((o) => ({ value: o.name, label: o.label, detail: o.name }));
  const columnOptions: ComboboxOption[] = (report?.columns ?? []).map((c) => ({ value: c.name, label: c.name, detail: columnTypeLabel(c.type) }));
  const candidates = keyCandidates(describe.data?.fields ?? []);
  const keysError = errors.keys?.message ?? errors.keys?.root?.message;
  return (
    <div className="flex flex-col gap-6">
      <div className="grid gap-4 sm:grid-cols-2">
        <ReportPicker reports={reports} onReportChange={onReportChange}
          hint="Reports made for Salesforce integrations are listed here; add the tag on the Reports page to offer another." />
        <FormField id="objectName" label="Choose target Salesforce object" error={errors.objectName?.message ?? objects.error?.message}
          hint={objects.isLoading ? 'Loading the objects from Salesforce…' : 'Objects the connected user can update, from Salesforce.'}>
          {(field) => (
            <div className="flex gap-2">
              <div className="flex-1">
                <Controller control={control} name="objectName" render={({ field: f }) => (
                  <Combobox id={field.id} describedBy={field['aria-describedby']} invalid={field['aria-invalid']} options={objectOptions} value={f.value ?? ''}
                    placeholder="Search objects, e.g. Lead" emptyText="No object matches." disabled={objects.isLoading}
                    onValueChange={(value) => { f.onChange(value); onObjectChange(value); }} />
                )} />
              </div>
              {refreshButton}
            </div>
          )}
        </FormField>
      </div>

      <fieldset className="flex flex-col gap-3" aria-describedby={keysError ? 'keys-error' : 'keys-hint'}>
        <legend className="text-base font-semibold text-slate-800">Unique identifiers</legend>
        <p id="keys-hint" className="text-sm text-slate-600">
          Match the report&apos;s key to the Salesforce field that identifies the same person, usually Email. Each Salesforce field can be matched once.
        </p>
        <FieldError id="keys-error" message={keysError} />
        {describe.error ? <p role="alert" className="text-sm text-red-700">{describe.error.message}</p> : null}
        {keys.fields.map((row, index) => {
          const taken = new Set(keyValues.filter((_, i) => i !== index).map((k) => (k?.field ?? '').toLowerCase()).filter(Boolean));
          const fieldOptions: ComboboxOption[] = candidates.filter((f) => !taken.has(f.name.toLowerCase()))
            .map((f) => ({ value: f.name, label: f.label, detail: `${f.name} · ${fieldTypeLabel(f)}` }));
          const rowErrors = errors.keys?.[index];
          return (
            <div key={row.id} role="group" aria-label={`Identifier ${index + 1}`} className="grid items-start gap-3 rounded-md border border-slate-200 bg-white p-3 sm:grid-cols-[1fr_auto_1fr_auto]">
              <FormField id={`keys-${index}-column`} label="Insights report unique identifier" error={rowErrors?.column?.message}>
                {(field) => (
                  <Controller control={control} name={`keys.${index}.column`} render={({ field: f }) => (
                    <Combobox id={field.id} describedBy={field['aria-describedby']} invalid={field['aria-invalid']} options={columnOptions}
                      value={f.value ?? ''} onValueChange={f.onChange} placeholder={report ? 'Search columns' : 'Choose a report first'} disabled={!report} />
                  )} />
                )}
              </FormField>
              <span aria-hidden="true" className="mt-8 text-slate-400">→</span>
              <FormField id={`keys-${index}-field`} label="Salesforce object unique identifier" error={rowErrors?.field?.message}>
                {(field) => (
                  <Controller control={control} name={`keys.${index}.field`} render={({ field: f }) => (
                    <Combobox id={field.id} describedBy={field['aria-describedby']} invalid={field['aria-invalid']} options={fieldOptions}
                      value={f.value ?? ''} onValueChange={f.onChange} disabled={!describe.data}
                      placeholder={describe.isLoading ? 'Loading fields…' : describe.data ? 'Search fields, e.g. Email' : 'Choose an object first'} />
                  )} />
                )}
              </FormField>
              <div className="mt-6">
                {keys.fields.length > 1 ? (
                  <Button type="button" variant="ghost" aria-label={`Remove identifier ${index + 1}`} onClick={() => keys.remove(index)}><XIcon /></Button>
                ) : <span className="inline-block w-9" />}
              </div>
            </div>
          );
        })}
        <div>
          <Button type="button" variant="secondary" onClick={() => keys.append({ column: '', field: '' })} disabled={!report}>Add identifier</Button>
        </div>
      </fieldset>
    </div>
  );
}
