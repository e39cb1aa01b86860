'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CopyField } from '@/components/ui/copy-field';
import { Field, SelectField } from '@/components/ui/field';
import { formatUtc } from '@/lib/format';
import type { ActionResult } from '@/lib/errors';
import { changeRoleAction, inviteUserAction, resetLinkAction, setDisabledAction } from './actions';

type LinkResult = { email: string; url: string; expiresAt: string; purpose?: 'invite' | 'reset' };

/** A one-time link just made, to copy to the person it is for. */
function LinkToCopy({ link, label }: { link: LinkResult; label: string }) {
  return (
    <div className="flex flex-col gap-1">
      <CopyField label={label} value={link.url} testId="password-link" />
      <p className="text-xs text-slate-500">For {link.email}. It works once, until {formatUtc(new Date(link.expiresAt))} UTC, and is not shown again.</p>
    </div>
  );
}

function Result({ state }: { state: ActionResult<unknown> | null }) {
  if (!state) return null;
  if (state.ok) return state.message ? <Alert tone="success">{state.message}</Alert> : null;
  return state.fieldErrors ? null : <Alert tone="error">{state.message}</Alert>;
}

export function AddUserForm() {
  const [state, action, pending] = useActionState(inviteUserAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2" noValidate aria-label="Add user">
      <div className="flex flex-col gap-3 sm:col-span-2">
        <Result state={state} />
        {state?.ok ? <LinkToCopy link={state.data} label="Invitation link" /> : null}
      </div>
      <Field label="Name" name="name" defaultValue={values?.name} required error={errors?.name} />
      <Field label="Email" name="email" defaultValue={values?.email} type="email" required error={errors?.email} />
      <SelectField label="Role" name="role" defaultValue="member">
        <option value="member">Member: reports, integrations, runs</option>
        <option value="admin">Admin: also accounts, connectors, users, API keys</option>
      </SelectField>
      <div className="sm:col-span-2"><Button type="submit" disabled={pending}>Add user</Button></div>
    </form>
  );
}

/**
 * Role, enable/disable and a one-time link for one user row: a password reset link, or for someone who has
 * not set a password yet (invited, or their invitation expired) a new invitation link.
 */
export function UserRowActions({ userId, email, role, disabled, invited }: { userId: string; email: string; role: string; disabled: boolean; invited: boolean }) {
  const [roleState, roleAction] = useActionState(changeRoleAction, null);
  const [disableState, disableAction] = useActionState(setDisabledAction, null);
  const [resetState, resetAction] = useActionState(resetLinkAction, null);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <form action={roleAction} className="flex items-center gap-2">
          <input type="hidden" name="userId" value={userId} />
          <label className="sr-only" htmlFor={`role-${userId}`}>Role of {email}</label>
          <select id={`role-${userId}`} name="role" defaultValue={role} className="h-[38px] rounded-md border border-slate-300 bg-white px-2 text-sm">
            <option value="member">Member</option>
            <option value="admin">Admin</option>
          </select>
          <Button variant="secondary" type="submit">Save role</Button>
        </form>
        <form action={disableAction}>
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="disabled" value={disabled ? 'false' : 'true'} />
          <Button variant={disabled ? 'secondary' : 'danger'} type="submit" aria-label={`${disabled ? 'Enable' : 'Disable'} ${email}`}>{disabled ? 'Enable' : 'Disable'}</Button>
        </form>
        <form action={resetAction}>
          <input type="hidden" name="userId" value={userId} />
          {invited
            ? <Button variant="secondary" type="submit" aria-label={`Make a new invitation link for ${email}`}>New invitation link</Button>
            : <Button variant="secondary" type="submit" aria-label={`Make a password reset link for ${email}`}>Reset password</Button>}
        </form>
      </div>
      {resetState?.ok ? <LinkToCopy link={resetState.data} label={resetState.data.purpose === 'invite' ? 'Invitation link' : 'Reset link'} /> : null}
      {[roleState, disableState, resetState].map((s, i) => (s ? (
        <Alert key={i} tone={s.ok ? 'success' : 'error'}>{s.message}</Alert>
      ) : null))}
    </div>
  );
}
