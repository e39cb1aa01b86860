'use client';

import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field';
import { columnFitsField } from '@/lib/integrations/check-mapping';
import { suggestMappings } from '@/lib/integrations/suggest';
import type { SalesforceField, SObjectDescribe } from '@/lib/salesforce/client';
import { MappingRow } from './mapping-row';
import { NameAndSchedule } from './schedule-fields';
import type { WizardReport, WizardValues } from './types';

const pairs = (rows: Array<{ column?: string; field?: string } | undefined>) => rows.map((r) => ({ column: r?.column ?? '', field: r?.field ?? '' }));

/** Screen 3: the mapping rows (ADD COLUMN, X, suggestions, + New field), then the name and schedule. */
export function MappingStep({ report, describe, onCreateField, refreshButton, notice }: {
  report: WizardReport | undefined;
  describe: { data?: SObjectDescribe; isLoading: boolean; error: Error | null };
  onCreateField: (column: string) => Promise<SalesforceField | null>;
  refreshButton: React.ReactNode;
  notice: string | null;
}) {
  const { control, formState: { errors } } = useFormContext<WizardValues>();
  const rows = useFieldArray({ control, name: 'mappings' });
  const keys = useWatch({ control, name: 'keys' }) ?? [];
  const mappings = useWatch({ control, name: 'mappings' }) ?? [];
  const fields = describe.data?.fields ?? [];
  const suggest = () => {
    const complete = pairs(mappings).filter((m) => m.column !== '' && m.field !== '');
    const more = suggestMappings({ columns: report?.columns ?? [], fields, keys: pairs(keys), mappings: complete, fits: columnFitsField });
    // Suggestions fill blank rows first, then add rows.
    const blank = pairs(mappings).map((m, i) => (m.column === '' && m.field === '' ? i : -1)).filter((i) => i >= 0);
    more.forEach((pair, n) => (n < blank.length ? rows.update(blank[n], pair) : rows.append(pair)));
    return more.length;
  };
  const rowsError = errors.mappings?.message ?? errors.mappings?.root?.message;
  const objectLabel = describe.data?.label ?? 'the object';
  return (
    <div className="flex flex-col gap-6">
      <fieldset className="flex flex-col gap-3" aria-describedby={rowsError ? 'mappings-error' : 'mappings-hint'}>
        <div className="flex flex-wrap items-end justify-between gap-2">
          <legend className="text-base font-semibold text-slate-800">Fields to update on {objectLabel}</legend>
          <div className="flex gap-2">
            <Button type="button" variant="secondary" onClick={suggest} disabled={!describe.data}>Suggest rows</Button>
            {refreshButton}
          </div>
        </div>
        <p id="mappings-hint" className="text-sm text-slate-600">
          Each row writes a report column into a Salesforce field. Key fields, fields already mapped and fields that cannot be updated are not offered.
        </p>
        {notice ? <p role="status" className="text-sm text-slate-700">{notice}</p> : null}
        <FieldError id="mappings-error" message={rowsError} />
        {describe.error ? <p role="alert" className="text-sm text-red-700">{describe.error.message}</p> : null}
        {describe.isLoading ? <p className="text-sm text-slate-500">Loading {objectLabel}&apos;s fields from Salesforce…</p> : null}
        {rows.fields.map((row, index) => (
          <MappingRow key={row.id} index={index} report={report} fields={fields} onRemove={() => rows.remove(index)} onCreateField={onCreateField} />
        ))}
        <div>
          <Button type="button" variant="secondary" onClick={() => rows.append({ column: '', field: '' })}>ADD COLUMN</Button>
        </div>
      </fieldset>
      <NameAndSchedule />
    </div>
  );
}

/** Fills rows by name and type when screen 3 opens with none; answers how many were suggested. */
export function initialSuggestions(report: WizardReport | undefined, describe: SObjectDescribe | undefined, keys: WizardValues['keys']) {
  if (!report || !describe) return [];
  return suggestMappings({ columns: report.columns, fields: describe.fields, keys: pairs(keys ?? []), fits: columnFitsField });
}
