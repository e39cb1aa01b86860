'use client';

import { Controller, useFormContext } from 'react-hook-form';
import { Combobox, type ComboboxOption } from '@/components/ui/combobox';
import { FormField } from '@/components/ui/field';
import { columnTypeLabel, type WizardReport, type WizardValues } from './types';

/** "Choose Insights Report" on screen 2, for either destination. */
export function ReportPicker({ reports, hint, onReportChange }: {
  reports: WizardReport[];
  hint: string;
  onReportChange: (report: WizardReport | undefined) => void;
}) {
  const { control, formState: { errors } } = useFormContext<WizardValues>();
  const options: ComboboxOption[] = reports.map((r) => ({ value: r.id, label: r.name, detail: `${r.columns.length} columns` }));
  return (
    <FormField id="reportId" label="Choose Insights Report" error={errors.reportId?.message} hint={hint}>
      {(field) => (
        <Controller control={control} name="reportId" render={({ field: f }) => (
          <Combobox id={field.id} describedBy={field['aria-describedby']} invalid={field['aria-invalid']} options={options} value={f.value ?? ''}
            placeholder="Search reports" emptyText="No report matches."
            onValueChange={(value) => { f.onChange(value); onReportChange(reports.find((r) => r.id === value)); }} />
        )} />
      )}
    </FormField>
  );
}

/** A mapping row's "Insights report column" on screen 3, for either destination. */
export function MappingColumnField({ index, report, error }: { index: number; report: WizardReport | undefined; error?: string }) {
  const { control } = useFormContext<WizardValues>();
  const options: ComboboxOption[] = (report?.columns ?? []).map((c) => ({ value: c.name, label: c.name, detail: columnTypeLabel(c.type) }));
  return (
    <FormField id={`mappings-${index}-column`} label="Insights report column" error={error}>
      {(field) => (
        <Controller control={control} name={`mappings.${index}.column`} render={({ field: f }) => (
          <Combobox id={field.id} describedBy={field['aria-describedby']} invalid={field['aria-invalid']} options={options}
            value={f.value ?? ''} onValueChange={f.onChange} placeholder="Search columns" />
        )} />
      )}
    </FormField>
  );
}

/** The box around one mapping row. */
export const MAPPING_ROW_CLASS = 'group grid items-start gap-3 rounded-md border border-slate-200 bg-white p-3 hover:border-slate-300 hover:bg-slate-50 focus-within:bg-slate-50 sm:grid-cols-[1fr_auto_1fr_auto]';
