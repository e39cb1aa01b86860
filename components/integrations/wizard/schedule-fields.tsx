'use client';

import { useFormContext, useWatch } from 'react-hook-form';
import { FormField, inputClass } from '@/components/ui/field';
import type { WizardValues } from './types';

const PRESETS = [
  { cron: '0 8 * * *', label: 'Every day at 08:00' },
  { cron: '0 8 * * 1-5', label: 'Weekdays at 08:00' },
  { cron: '0 8 * * 1', label: 'Mondays at 08:00' },
  { cron: '0 * * * *', label: 'Every hour' },
] as const;

/** The suggested, editable name and the schedule (daily 08:00 UTC unless changed). */
export function NameAndSchedule() {
  const { register, control, setValue, formState: { errors } } = useFormContext<WizardValues>();
  const cron = useWatch({ control, name: 'scheduleCron' }) ?? '0 8 * * *';
  const preset = PRESETS.find((p) => p.cron === cron.trim())?.cron ?? 'custom';
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <FormField id="name" label="Integration name" error={errors.name?.message} hint="Suggested from the report and object; change it as you like.">
        {(field) => <input {...field} {...register('name')} className={inputClass} />}
      </FormField>
      <FormField id="schedule-preset" label="Schedule" hint="Times are in UTC. Run Now works at any time.">
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
    </div>
  );
}
