'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { setPasswordAction } from './actions';

/** The new password for the person a link is for. */
export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState(setPasswordAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate aria-label="Set your password">
      {state && !state.ok && !errors?.password ? <Alert tone="error">{state.message}</Alert> : null}
      <input type="hidden" name="token" value={token} />
      {/* Lets password managers save the new password under the right account. */}
      <input type="email" name="email" value={email} autoComplete="username" readOnly hidden />
      <Field label="New password" name="password" type="password" autoComplete="new-password" required error={errors?.password}
        hint="At least 12 characters, mixing letters with numbers or symbols." />
      <Button type="submit" disabled={pending}>Set password</Button>
    </form>
  );
}
