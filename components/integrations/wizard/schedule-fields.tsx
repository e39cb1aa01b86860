'use client';

import { useMemo } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { Combobox, type ComboboxOption } from '@/components/ui/combobox';
import { FormField, inputClass } from '@/components/ui/field';
import type { WizardValues } from './types';

const PRESETS = [
  { cron: '0 8 * * *', label: 'Every day at 08:00' },
  { cron: '0 8 * * 1-5', label: 'Weekdays at 08:00' },
  { cron: '0 8 * * 1', label: 'Mondays at 08:00' },
  { cron: '0 * * * *', label: 'Every hour' },
] as const;

/** The browser's IANA time zones, UTC first (Intl leaves it out of its list), and the saved one if Intl does not know it. */
function timeZoneOptions(current: string): ComboboxOption[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = ['UTC', ...zones.filter((z) => z !== 'UTC')];
  if (current && !all.includes(current)) all.unshift(current);
  return all.map((zone) => ({ value: zone, label: zone }));
}

/** The suggested, editable name and the schedule (daily 08:00 UTC unless changed), in a time zone of the user's choice. */
export function NameAndSchedule({ nameHint = 'Suggested from the report and object; change it as you like.' }: { nameHint?: string }) {
  const { register, control, setValue, formState: { errors } } = useFormContext<WizardValues>();
  const cron = useWatch({ control, name: 'scheduleCron' }) ?? '0 8 * * *';
  const timezone = useWatch({ control, name: 'scheduleTimezone' }) ?? 'UTC';
  const preset = PRESETS.find((p) => p.cron === cron.trim())?.cron ?? 'custom';
  const zones = useMemo(() => timeZoneOptions(timezone), [timezone]);
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <FormField id="name" label="Integration name" error={errors.name?.message} hint={nameHint} className="sm:col-span-3">
        {(field) => <input {...field} {...register('name')} className={inputClass} />}
      </FormField>
      <FormField id="schedule-preset" label="Schedule" hint="Run Now works at any time.">
        {(field) => (
          <select {...field} value={preset} className={inputClass}
            onChange={(e) => { if (e.target.value !== 'custom') setValue('scheduleCron', e.target.value, { shouldDirty: true, shouldValidate: true }); else setValue('scheduleCron', cron, { shouldDirty: true }); }}>
            {PRESETS.map((p) => <option key={p.cron} value={p.cron}>{p.label}</option>)}
            <option value="custom">Custom (cron)</option>
          </select>
        )}
      </FormField>
      <FormField id="scheduleCron" label="Cron expression" error={errors.scheduleCron?.message} hint="minute hour day month weekday, e.g. 30 6 * * *">
        {(field) => <input {...field} {...register('scheduleCron')} className={`${inputClass} font-mono`} />}
      </FormField>
      <FormField id="scheduleTimezone" label="Time zone" error={errors.scheduleTimezone?.message} hint="The schedule's times are in this zone.">
        {(field) => (
          <Controller control={control} name="scheduleTimezone" render={({ field: f }) => (
            <Combobox id={field.id} describedBy={field['aria-describedby']} invalid={field['aria-invalid']} options={zones} value={f.value ?? 'UTC'}
              onValueChange={(value) => f.onChange(value || 'UTC')} placeholder="Search time zones, e.g. Berlin" emptyText="No time zone matches." />
          )} />
        )}
      </FormField>
    </div>
  );
}
