'use client';

import { useWatch, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { FormField, inputClass } from '@/components/ui/field';
import { END_USER_FIELDS, type CustomReportDefinition } from '@/lib/insights/custom-report-schema';
import {
  COLUMN_KIND_LABELS, COLUMN_KINDS, END_USER_FIELD_LABELS, kindUses, type CustomReportFormValues, type FormColumn,
} from '@/lib/insights/custom-report-form';

/** The first message in an error tree (tag errors arrive per tag, e.g. at tags.2). */
export function firstMessage(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && message !== '') return message;
  // `ref` points at the DOM element, which holds no message.
  for (const [key, value] of Object.entries(error)) {
    if (key !== 'ref' && value && typeof value === 'object') {
      const inner = firstMessage(value);
      if (inner) return inner;
    }
  }
  return undefined;
}

type RowErrors = FieldErrors<FormColumn> | undefined;

const ROW_LABEL = 'text-xs font-medium text-slate-700';

/** One column of the builder: what it shows (a field or a metric over an event type) and its label. */
export function ColumnRow({ index, control, register, errors, canRemove, onRemove }: {
  index: number;
  control: Control<CustomReportFormValues, unknown, CustomReportDefinition>;
  register: UseFormRegister<CustomReportFormValues>;
  errors: RowErrors;
  canRemove: boolean;
  onRemove: () => void;
}) {
  const kind = useWatch({ control, name: `columns.${index}.kind` });
  const uses = kindUses(kind);
  const id = (name: string) => `column-${index}-${name}`;
  return (
    <fieldset className="grid gap-3 rounded-md border border-slate-200 bg-slate-50 p-3 sm:grid-cols-[minmax(0,1fr)_minmax(15rem,1.2fr)_minmax(0,1fr)_minmax(0,1fr)_auto]">
      <legend className="px-1 text-sm font-medium text-slate-700">Column {index + 1}</legend>
      <FormField labelClassName={ROW_LABEL} id={id('label')} label="Column label" error={errors?.label?.message}>
        {(field) => <input {...field} {...register(`columns.${index}.label`)} className={inputClass} />}
      </FormField>
      <FormField labelClassName={ROW_LABEL} id={id('kind')} label="Shows" error={errors?.kind?.message}>
        {(field) => (
          <select {...field} {...register(`columns.${index}.kind`)} className={inputClass}>
            {COLUMN_KINDS.map((k) => <option key={k} value={k}>{COLUMN_KIND_LABELS[k]}</option>)}
          </select>
        )}
      </FormField>
      {uses.field ? (
        <FormField labelClassName={ROW_LABEL} id={id('field')} label="End-user field" error={errors?.field?.message}>
          {(field) => (
            <select {...field} {...register(`columns.${index}.field`)} className={inputClass}>
              {END_USER_FIELDS.map((f) => <option key={f} value={f}>{END_USER_FIELD_LABELS[f]}</option>)}
            </select>
          )}
        </FormField>
      ) : (
        <FormField labelClassName={ROW_LABEL} id={id('eventType')} label="Event type" error={errors?.eventType?.message} hint="e.g. login, nps, subscription">
          {(field) => <input {...field} {...register(`columns.${index}.eventType`)} className={inputClass} />}
        </FormField>
      )}
      {uses.lastDays ? (
        <FormField labelClassName={ROW_LABEL} id={id('lastDays')} label="Only the last N days" error={errors?.lastDays?.message} hint="Leave empty to count all time.">
          {(field) => <input {...field} inputMode="numeric" {...register(`columns.${index}.lastDays`)} className={inputClass} />}
        </FormField>
      ) : null}
      {uses.property ? (
        <FormField labelClassName={ROW_LABEL} id={id('property')} label="Property" error={errors?.property?.message}
          hint={kind === 'latestValue' ? 'The event property to show, e.g. plan.' : 'A property holding numbers, e.g. seats.'}>
          {(field) => <input {...field} {...register(`columns.${index}.property`)} className={inputClass} />}
        </FormField>
      ) : null}
      {!uses.lastDays && !uses.property ? <div aria-hidden="true" /> : null}
      <div className="flex items-end">
        <Button type="button" variant="ghost" onClick={onRemove} disabled={!canRemove} aria-label={`Remove column ${index + 1}`}>Remove</Button>
      </div>
    </fieldset>
  );
}
