'use client';

import { useState } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { Combobox, type ComboboxOption } from '@/components/ui/combobox';
import { XIcon } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/field';
import { Tooltip } from '@/components/ui/tooltip';
import { columnFitsField, fieldTypeLabel } from '@/lib/integrations/check-mapping';
import { mappableFields } from '@/lib/integrations/suggest';
import type { SalesforceField } from '@/lib/salesforce/client';
import { MAPPING_ROW_CLASS, MappingColumnField } from './pickers';
import { columnTypeLabel, type WizardReport, type WizardValues } from './types';

/**
 * One mapping row: a report column into a Salesforce field. The field list leaves out key fields, fields other
 * rows map and fields that cannot be updated; a type that cannot go into the field is warned about at once.
 * The X shows on hover and on keyboard focus, and is always reachable with Tab.
 */
export function MappingRow({ index, report, fields, onRemove, onCreateField }: {
  index: number;
  report: WizardReport | undefined;
  fields: SalesforceField[];
  onRemove: () => void;
  onCreateField: (column: string) => Promise<SalesforceField | null>;
}) {
  const { control, setValue, formState: { errors } } = useFormContext<WizardValues>();
  const keys = useWatch({ control, name: 'keys' }) ?? [];
  const mappings = useWatch({ control, name: 'mappings' }) ?? [];
  const row = mappings[index] ?? { column: '', field: '' };
  const [creating, setCreating] = useState(false);
  const rowErrors = errors.mappings?.[index];
  const column = report?.columns.find((c) => c.name === row.column);
  const chosen = fields.find((f) => f.name === row.field);
  const offered = mappableFields(fields, keys.map((k) => ({ column: k?.column ?? '', field: k?.field ?? '' })),
    mappings.map((m) => ({ column: m?.column ?? '', field: m?.field ?? '' })), row.field ?? '');
  const fieldOptions: ComboboxOption[] = offered.map((f) => ({
    value: f.name, label: f.label, detail: `${f.name} · ${fieldTypeLabel(f)}${column && !columnFitsField(column.type, f) ? ' · type does not fit' : ''}`,
  }));
  const mismatch = column && chosen && !columnFitsField(column.type, chosen)
    ? `${chosen.label} is ${fieldTypeLabel(chosen)} and cannot hold "${column.name}", a ${columnTypeLabel(column.type).toLowerCase()} column. Choose another field or create one with + New field.`
    : null;
  const createField = async () => {
    if (!column) return;
    setCreating(true);
    try {
      const created = await onCreateField(column.name);
      if (created) setValue(`mappings.${index}.field`, created.name, { shouldDirty: true, shouldValidate: true });
    } finally {
      setCreating(false);
    }
  };
  const label = `Mapping row ${index + 1}`;
  return (
    <div role="group" aria-label={label}
      className={MAPPING_ROW_CLASS}>
      <MappingColumnField index={index} report={report} error={rowErrors?.column?.message} />
      <span aria-hidden="true" className="mt-8 text-slate-400">→</span>
      <div className="flex flex-col gap-1">
        <FormField id={`mappings-${index}-field`} label="Salesforce field" error={rowErrors?.field?.message ?? mismatch}>
          {(field) => (
            <Controller control={control} name={`mappings.${index}.field`} render={({ field: f }) => (
              <Combobox id={field.id} describedBy={field['aria-describedby']} invalid={field['aria-invalid']} options={fieldOptions}
                value={f.value ?? ''} onValueChange={f.onChange} placeholder="Search fields" emptyText="No field left to map: create one with + New field." />
            )} />
          )}
        </FormField>
        {column && !row.field ? (
          <div>
            <Tooltip content={`Creates a ${column.name} custom field in Salesforce, typed for this column, and maps it here.`}>
              <button type="button" onClick={() => void createField()} disabled={creating}
                className="text-xs font-medium text-brand-700 hover:underline disabled:text-slate-400">
                {creating ? 'Creating the field…' : '+ New field'}
              </button>
            </Tooltip>
          </div>
        ) : null}
      </div>
      <div className="mt-6">
        <Button type="button" variant="ghost" aria-label={`Remove ${label.toLowerCase()}`} onClick={onRemove}
          className="opacity-0 group-hover:opacity-100 group-focus-within:opacity-100 focus-visible:opacity-100">
          <XIcon />
        </Button>
      </div>
    </div>
  );
}
