'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, SelectField } from '@/components/ui/field';
import type { ActionResult } from '@/lib/errors';
import { changeRoleAction, createUserAction, resetPasswordAction, setDisabledAction } from './actions';

function Result({ state }: { state: ActionResult<unknown> | null }) {
  if (!state) return null;
  if (state.ok) return state.message ? <Alert tone="success">{state.message}</Alert> : null;
  return state.fieldErrors ? null : <Alert tone="error">{state.message}</Alert>;
}

export function AddUserForm() {
  const [state, action, pending] = useActionState(createUserAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2" noValidate aria-label="Add user">
      <div className="sm:col-span-2"><Result state={state} /></div>
      <Field label="Name" name="name" defaultValue={values?.name} required error={errors?.name} />
      <Field label="Email" name="email" defaultValue={values?.email} type="email" required error={errors?.email} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required error={errors?.password}
        hint="At least 12 characters, mixing letters with numbers or symbols." />
      <SelectField label="Role" name="role" defaultValue="member">
        <option value="member">Member: reports, integrations, runs</option>
        <option value="admin">Admin: also accounts, connectors, users, API keys</option>
      </SelectField>
      <div className="sm:col-span-2"><Button type="submit" disabled={pending}>Add user</Button></div>
    </form>
  );
}

/** Role, enable/disable and password reset for one user row. */
export function UserRowActions({ userId, email, role, disabled }: { userId: string; email: string; role: string; disabled: boolean }) {
  const [roleState, roleAction] = useActionState(changeRoleAction, null);
  const [disableState, disableAction] = useActionState(setDisabledAction, null);
  const [resetState, resetAction] = useActionState(resetPasswordAction, null);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-end gap-2">
        <form action={roleAction} className="flex items-end gap-2">
          <input type="hidden" name="userId" value={userId} />
          <label className="sr-only" htmlFor={`role-${userId}`}>Role of {email}</label>
          <select id={`role-${userId}`} name="role" defaultValue={role} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
            <option value="member">member</option>
            <option value="admin">admin</option>
          </select>
          <Button variant="secondary" type="submit">Save role</Button>
        </form>
        <form action={disableAction}>
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="disabled" value={disabled ? 'false' : 'true'} />
          <Button variant={disabled ? 'secondary' : 'danger'} type="submit" aria-label={`${disabled ? 'Enable' : 'Disable'} ${email}`}>{disabled ? 'Enable' : 'Disable'}</Button>
        </form>
        <form action={resetAction} className="flex items-end gap-2">
          <input type="hidden" name="userId" value={userId} />
          <label className="sr-only" htmlFor={`pw-${userId}`}>New password for {email}</label>
          <input id={`pw-${userId}`} name="password" type="password" placeholder="New password" autoComplete="new-password"
            className="w-40 rounded-md border border-slate-300 px-2 py-1 text-sm" />
          <Button variant="secondary" type="submit">Reset password</Button>
        </form>
      </div>
      {[roleState, disableState, resetState].map((s, i) => (s ? (
        <Alert key={i} tone={s.ok ? 'success' : 'error'}>{s.ok ? s.message : [s.message, ...Object.values(s.fieldErrors ?? {}).flat()].join(' ')}</Alert>
      ) : null))}
    </div>
  );
}
