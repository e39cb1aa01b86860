import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

/** The look of every text box and select. */
export const inputClass = 'rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-invalid:border-red-500 disabled:bg-slate-100';

/** What a form control needs to be tied to its label, hint and error for screen readers. */
export interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** A message (or messages: a server action answers a list per field) as one line of text. */
function messageText(error?: string | string[] | null): string | undefined {
  if (!error) return undefined;
  const text = Array.isArray(error) ? error.join(' ') : error;
  return text === '' ? undefined : text;
}

/**
 * The one form field: a label, the control, and its hint or error wired with aria-describedby and
 * aria-invalid. Works alike for server-action forms (`error={state.fieldErrors?.name}`) and
 * react-hook-form (`error={errors.name?.message}`, control `{...register('name')}`).
 */
export function FormField({ id, label, error, hint, className = '', labelClassName = 'text-sm font-medium text-slate-700', children }: {
  id: string;
  label: ReactNode;
  error?: string | string[] | null;
  hint?: ReactNode;
  className?: string;
  labelClassName?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const message = messageText(error);
  const describedBy = message ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className={labelClassName}>{label}</label>
      {children({ id, 'aria-invalid': message ? true : undefined, 'aria-describedby': describedBy })}
      {message ? <FieldError id={`${id}-error`} message={message} />
        : hint ? <p id={`${id}-hint`} className="text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}

/** An error message under a control or a group of controls. */
export function FieldError({ id, message }: { id: string; message?: string | string[] | null }) {
  const text = messageText(message);
  return text ? <p id={id} className="text-xs text-red-700">{text}</p> : null;
}

type Common = { label: ReactNode; name: string; error?: string | string[] | null; hint?: ReactNode };

/** A labelled text input. */
export function Field({ label, name, error, hint, className, ...props }: InputHTMLAttributes<HTMLInputElement> & Common) {
  return (
    <FormField id={props.id ?? `field-${name}`} label={label} error={error} hint={hint}>
      {(control) => <input name={name} {...props} {...control} className={`${inputClass} ${className ?? ''}`} />}
    </FormField>
  );
}

/** A labelled select. */
export function SelectField({ label, name, error, hint, children, className, ...props }: SelectHTMLAttributes<HTMLSelectElement> & Common & { children: ReactNode }) {
  return (
    <FormField id={props.id ?? `field-${name}`} label={label} error={error} hint={hint}>
      {(control) => <select name={name} {...props} {...control} className={`${inputClass} ${className ?? ''}`}>{children}</select>}
    </FormField>
  );
}

/** A labelled multi-line text box. */
export function TextareaField({ label, name, error, hint, className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & Common) {
  return (
    <FormField id={props.id ?? `field-${name}`} label={label} error={error} hint={hint}>
      {(control) => <textarea name={name} {...props} {...control} className={`${inputClass} ${className ?? ''}`} />}
    </FormField>
  );
}

/**
 * The messages for one field and everything under it: a server action keys errors by path
 * (`mappings.2.field`), so a flat control whose value became a list (one task per line) collects
 * `onboardingTasks.3` under `onboardingTasks`.
 */
export function messagesAt(fieldErrors: Record<string, string[]> | undefined, path: string): string[] | undefined {
  if (!fieldErrors) return undefined;
  const found = Object.entries(fieldErrors).filter(([key]) => key === path || key.startsWith(`${path}.`)).flatMap(([, messages]) => messages);
  return found.length > 0 ? [...new Set(found)] : undefined;
}
