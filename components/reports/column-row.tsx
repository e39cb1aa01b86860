'use client';

import { useWatch, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { END_USER_FIELDS, type CustomReportDefinition } from '@/lib/insights/custom-report-schema';
import {
  COLUMN_KIND_LABELS, COLUMN_KINDS, END_USER_FIELD_LABELS, kindUses, type CustomReportFormValues, type FormColumn,
} from './report-form-schema';

export const inputClass = 'rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-invalid:border-red-500';

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

export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? <p id={id} className="text-xs text-red-700">{message}</p> : null;
}

type RowErrors = FieldErrors<FormColumn> | undefined;

/** One labelled input of a column row, with its error wired to it for screen readers. */
function RowInput({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: (describedBy?: string) => React.ReactNode }) {
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-700">{label}</label>
      {children(describedBy)}
      {error ? <FieldError id={`${id}-error`} message={error} /> : hint ? <p id={`${id}-hint`} className="text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}

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
  const invalid = (error?: unknown) => (error ? true : undefined);
  return (
    <fieldset className="grid gap-3 rounded-md border border-slate-200 bg-slate-50 p-3 sm:grid-cols-[repeat(4,minmax(0,1fr))_auto]">
      <legend className="px-1 text-sm font-medium text-slate-700">Column {index + 1}</legend>
      <RowInput id={id('label')} label="Column label" error={errors?.label?.message}>
        {(describedBy) => <input id={id('label')} {...register(`columns.${index}.label`)} className={inputClass}
          aria-invalid={invalid(errors?.label)} aria-describedby={describedBy} />}
      </RowInput>
      <RowInput id={id('kind')} label="Shows" error={errors?.kind?.message}>
        {(describedBy) => (
          <select id={id('kind')} {...register(`columns.${index}.kind`)} className={inputClass} aria-describedby={describedBy}>
            {COLUMN_KINDS.map((k) => <option key={k} value={k}>{COLUMN_KIND_LABELS[k]}</option>)}
          </select>
        )}
      </RowInput>
      {uses.field ? (
        <RowInput id={id('field')} label="End-user field" error={errors?.field?.message}>
          {(describedBy) => (
            <select id={id('field')} {...register(`columns.${index}.field`)} className={inputClass} aria-describedby={describedBy}>
              {END_USER_FIELDS.map((f) => <option key={f} value={f}>{END_USER_FIELD_LABELS[f]}</option>)}
            </select>
          )}
        </RowInput>
      ) : (
        <RowInput id={id('eventType')} label="Event type" error={errors?.eventType?.message} hint="e.g. login, nps, subscription">
          {(describedBy) => <input id={id('eventType')} {...register(`columns.${index}.eventType`)} className={inputClass}
            aria-invalid={invalid(errors?.eventType)} aria-describedby={describedBy} />}
        </RowInput>
      )}
      {uses.lastDays ? (
        <RowInput id={id('lastDays')} label="Only the last N days" error={errors?.lastDays?.message} hint="Leave empty to count all time.">
          {(describedBy) => <input id={id('lastDays')} inputMode="numeric" {...register(`columns.${index}.lastDays`)} className={inputClass}
            aria-invalid={invalid(errors?.lastDays)} aria-describedby={describedBy} />}
        </RowInput>
      ) : null}
      {uses.property ? (
        <RowInput id={id('property')} label="Property" error={errors?.property?.message}
          hint={kind === 'latestValue' ? 'The event property to show, e.g. plan.' : 'A property holding numbers, e.g. seats.'}>
          {(describedBy) => <input id={id('property')} {...register(`columns.${index}.property`)} className={inputClass}
            aria-invalid={invalid(errors?.property)} aria-describedby={describedBy} />}
        </RowInput>
      ) : null}
      {!uses.lastDays && !uses.property ? <div aria-hidden="true" /> : null}
      <div className="flex items-end">
        <Button type="button" variant="ghost" onClick={onRemove} disabled={!canRemove} aria-label={`Remove column ${index + 1}`}>Remove</Button>
      </div>
    </fieldset>
  );
}
