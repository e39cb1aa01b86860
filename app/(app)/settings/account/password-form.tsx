'use client';

import { useActionState, useEffect } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { changePasswordAction } from './actions';

export function PasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  // A password change ends every session, this one included: go to sign-in to start a fresh one. A full
  // page load (not router.push) so nothing cached for the ended session survives on the client.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  useEffect(() => { if (state?.ok) window.location.assign('/sign-in?reason=session-ended'); }, [state]);
  return (
    <form action={action} className="flex max-w-md flex-col gap-4" noValidate aria-label="Change password">
      {state && !state.ok && !errors ? <Alert tone="error">{state.message}</Alert> : null}
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" error={errors?.currentPassword} />
      <Field label="New password" name="newPassword" type="password" autoComplete="new-password" error={errors?.newPassword}
        hint="At least 12 characters, mixing letters with numbers or symbols. Changing it signs you out everywhere." />
      <Button type="submit" disabled={pending}>Change password</Button>
    </form>
  );
}
