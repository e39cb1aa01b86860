'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { signInAction } from './actions';

export function SignInForm({ callbackUrl, notice }: { callbackUrl?: string; notice?: string }) {
  const [state, action, pending] = useActionState(signInAction, null);
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {notice && !state ? <Alert tone="info">{notice}</Alert> : null}
      {state && !state.ok && !fieldErrors ? <Alert tone="error">{state.message}</Alert> : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ''} />
      <Field label="Email" name="email" defaultValue={values?.email} type="email" autoComplete="email" required error={fieldErrors?.email} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required error={fieldErrors?.password} />
      <Button type="submit" disabled={pending}>{pending ? 'Signing in…' : 'Sign in'}</Button>
    </form>
  );
}
