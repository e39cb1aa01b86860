import type { InputHTMLAttributes, SelectHTMLAttributes, ReactNode } from 'react';

/** A labelled input with its error message, wired for screen readers. */
export function Field({ label, name, error, hint, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; error?: string[]; hint?: string }) {
  const id = props.id ?? `field-${name}`;
  const describedBy = error?.length ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">{label}</label>
      <input
        id={id}
        name={name}
        aria-invalid={error?.length ? true : undefined}
        aria-describedby={describedBy}
        className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-invalid:border-red-500"
        {...props}
      />
      {hint && !error?.length ? <p id={`${id}-hint`} className="text-xs text-slate-500">{hint}</p> : null}
      {error?.length ? <p id={`${id}-error`} className="text-xs text-red-700">{error.join(' ')}</p> : null}
    </div>
  );
}

/** A labelled select. */
export function SelectField({ label, name, children, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { label: string; name: string; children: ReactNode }) {
  const id = props.id ?? `field-${name}`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">{label}</label>
      <select id={id} name={name} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm" {...props}>
        {children}
      </select>
    </div>
  );
}
