'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { setupAction } from './actions';

export function SetupForm() {
  const [state, action, pending] = useActionState(setupAction, null);
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state && !state.ok && !fieldErrors ? <Alert tone="error">{state.message}</Alert> : null}
      <Field label="Workspace name" name="workspaceName" defaultValue={values?.workspaceName} required error={fieldErrors?.workspaceName} hint="Usually your company or team." />
      <Field label="Your name" name="name" defaultValue={values?.name} autoComplete="name" required error={fieldErrors?.name} />
      <Field label="Email" name="email" defaultValue={values?.email} type="email" autoComplete="email" required error={fieldErrors?.email} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required error={fieldErrors?.password}
        hint="At least 12 characters, mixing letters with numbers or symbols." />
      <Button type="submit" disabled={pending}>{pending ? 'Creating…' : 'Create workspace'}</Button>
    </form>
  );
}
