'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SALESFORCE_TAG } from '@/lib/insights/builtin-reports';
import type { ActionResult } from '@/lib/errors';
import { FieldError, FormField, inputClass } from '@/components/ui/field';
import { ColumnRow, firstMessage } from './column-row';
import { customReportFormSchema, emptyColumn, type CustomReportFormValues } from '@/lib/insights/custom-report-form';

type SaveAction = (values: CustomReportFormValues) => Promise<ActionResult<{ id: string }>>;

/**
 * The custom report builder. react-hook-form keeps the column rows and the typed values on the client, so a
 * refused save (checked again on the server with the same schema) never loses what was entered.
 */
export function CustomReportForm({ initial, save, submitLabel }: { initial: CustomReportFormValues; save: SaveAction; submitLabel: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [serverError, setServerError] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(customReportFormSchema), defaultValues: initial, mode: 'onSubmit' });
  const { control, register, handleSubmit, setError, getValues, setValue, formState: { errors } } = form;
  const columns = useFieldArray({ control, name: 'columns' });
  const watched = useWatch({ control, name: 'columns' }) ?? [];
  // Only User ID and Email columns can be keys (the sync engine matches records on them).
  const keyOptions = watched.filter((c) => c?.kind === 'field' && (c.field === 'userId' || c.field === 'email') && c.label.trim() !== '')
    .map((c) => c.label.trim());
  const keyColumn = useWatch({ control, name: 'keyColumn' });
  const keyOptionsText = keyOptions.join('\n');
  // The select only offers current labels; when the chosen one is renamed or removed, follow what is shown.
  useEffect(() => {
    const options = keyOptionsText === '' ? [] : keyOptionsText.split('\n');
    if (!options.includes(keyColumn)) setValue('keyColumn', options[0] ?? '');
  }, [keyOptionsText, keyColumn, setValue]);

  const onValid = () => {
    setServerError(null);
    startTransition(async () => {
      const result = await save(getValues());
      if (result.ok) {
        router.push(`/reports/${result.data.id}`);
        return;
      }
      const unplaced: string[] = [];
      for (const [name, messages] of Object.entries(result.fieldErrors ?? {})) {
        if (name === 'name' || name === 'description' || name === 'keyColumn') setError(name, { message: messages.join(' ') });
        else unplaced.push(...messages);
      }
      setServerError([result.message, ...unplaced].join(' '));
    });
  };

  // "At least one column" is reported on the list itself, not on a row.
  const columnsError = errors.columns?.message ?? errors.columns?.root?.message;
  return (
    <form onSubmit={handleSubmit(onValid)} noValidate aria-label="Custom report" className="flex flex-col gap-6">
      {serverError ? <Alert tone="error">{serverError}</Alert> : null}
      {Object.keys(errors).length > 0 ? <Alert tone="error">Some fields need attention.</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="report-name" label="Name" error={errors.name?.message}>
          {(field) => <input {...field} {...register('name')} className={inputClass} />}
        </FormField>
        <FormField id="report-key" label="Key column" error={errors.keyColumn?.message}
          hint="The column integrations match Salesforce records on: a User ID or Email column.">
          {(field) => (
            <select {...field} {...register('keyColumn')} className={inputClass}>
              {keyOptions.length === 0 ? <option value="">Add a User ID or Email column first</option> : null}
              {[...new Set(keyOptions)].map((label) => <option key={label} value={label}>{label}</option>)}
            </select>
          )}
        </FormField>
        <FormField id="report-description" label="Description" error={errors.description?.message} className="sm:col-span-2">
          {(field) => <textarea {...field} rows={2} {...register('description')} className={inputClass} />}
        </FormField>
        <FormField id="report-tags" label="Other tags" error={firstMessage(errors.tags)}
          hint="Separate tags with commas or spaces: lowercase letters, digits, _ and -.">
          {(field) => <input {...field} {...register('tags')} className={inputClass} placeholder="e.g. usage, weekly" />}
        </FormField>
        <label className="flex items-center gap-2 self-end text-sm text-slate-700">
          <input type="checkbox" {...register('salesforce')} />
          Offer in the Salesforce integration wizard (tag {SALESFORCE_TAG})
        </label>
      </div>

      <fieldset className="flex flex-col gap-3" aria-describedby={columnsError ? 'report-columns-error' : undefined}>
        <legend className="mb-2 text-base font-semibold text-slate-800">Columns</legend>
        <FieldError id="report-columns-error" message={columnsError} />
        {columns.fields.map((row, index) => (
          <ColumnRow key={row.id} index={index} control={control} register={register} errors={errors.columns?.[index]}
            canRemove={columns.fields.length > 1} onRemove={() => columns.remove(index)} />
        ))}
        <div>
          <Button type="button" variant="secondary" onClick={() => columns.append(emptyColumn())}>Add column</Button>
        </div>
      </fieldset>

      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>{pending ? 'Saving…' : submitLabel}</Button>
      </div>
    </form>
  );
}
