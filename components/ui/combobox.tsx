'use client';

import { Combobox as BaseCombobox } from '@base-ui/react/combobox';
import { useMemo } from 'react';

/** One choice of a combobox: `detail` (a type, say) is shown beside the label and searched too. */
export interface ComboboxOption {
  value: string;
  label: string;
  detail?: string;
  disabled?: boolean;
}

const INPUT = 'w-full rounded-md border border-slate-300 bg-white py-2 pr-8 pl-3 text-sm shadow-sm outline-none focus:border-brand-600 aria-invalid:border-red-500 disabled:bg-slate-100 disabled:text-slate-500';

/**
 * A text box with a list: typing filters the options (label and detail), arrows move, Enter picks.
 * `value` is the option's value (or '' for none). The caller supplies the label element pointing at `id`.
 */
export function Combobox({ id, options, value, onValueChange, placeholder, disabled, emptyText = 'Nothing matches.', invalid, describedBy, name }: {
  id: string;
  options: ComboboxOption[];
  value: string;
  onValueChange: (value: string) => void;
  placeholder?: string;
  disabled?: boolean;
  emptyText?: string;
  invalid?: boolean;
  describedBy?: string;
  name?: string;
}) {
  const items = useMemo(() => BaseCombobox.createItems(options, { getValue: (o) => o.value, getLabel: (o) => o.label }), [options]);
  const known = options.some((o) => o.value === value);
  return (
    <BaseCombobox.Root items={items} value={known ? value : null} name={name} disabled={disabled}
      onValueChange={(next) => onValueChange(typeof next === 'string' ? next : '')}
      filter={(option: ComboboxOption, query: string) => {
        const q = query.trim().toLowerCase();
        return q === '' || option.label.toLowerCase().includes(q) || (option.detail ?? '').toLowerCase().includes(q) || option.value.toLowerCase().includes(q);
      }}>
      <div className="relative">
        <BaseCombobox.Input id={id} placeholder={placeholder} className={INPUT} aria-invalid={invalid ? true : undefined} aria-describedby={describedBy} />
        <BaseCombobox.Trigger aria-label="Show choices" className="absolute inset-y-0 right-0 flex w-8 items-center justify-center text-slate-500">
          <svg viewBox="0 0 16 16" fill="currentColor" aria-hidden="true" className="h-4 w-4"><path d="M12 6H4l4 4.5z" /></svg>
        </BaseCombobox.Trigger>
      </div>
      <BaseCombobox.Portal>
        <BaseCombobox.Positioner sideOffset={4} className="z-50 outline-none">
          <BaseCombobox.Popup className="max-h-[min(20rem,var(--available-height))] w-[var(--anchor-width)] min-w-56 overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg">
            <BaseCombobox.Empty className="px-3 py-2 text-slate-500 empty:hidden">{emptyText}</BaseCombobox.Empty>
            <BaseCombobox.List>
              {(option: ComboboxOption) => (
                <BaseCombobox.Item key={option.value} value={option.value} disabled={option.disabled}
                  className="flex cursor-default items-baseline justify-between gap-3 px-3 py-1.5 outline-none select-none data-highlighted:bg-brand-50 data-selected:font-medium data-disabled:text-slate-400">
                  <span className="truncate">{option.label}</span>
                  {option.detail ? <span className="shrink-0 text-xs text-slate-500"><span className="sr-only">, </span>{option.detail}</span> : null}
                </BaseCombobox.Item>
              )}
            </BaseCombobox.List>
          </BaseCombobox.Popup>
        </BaseCombobox.Positioner>
      </BaseCombobox.Portal>
    </BaseCombobox.Root>
  );
}
