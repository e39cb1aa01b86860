'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CopyField } from '@/components/ui/copy-field';
import { Field } from '@/components/ui/field';
import { createApiKeyAction, revokeApiKeyAction } from './actions';

export function CreateApiKeyForm() {
  const [state, action, pending] = useActionState(createApiKeyAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <div className="flex flex-col gap-4">
      {state?.ok ? (
        <div className="flex flex-col gap-3">
          <Alert tone="success">Key “{state.data.name}” created. Copy it now: it will not be shown again.</Alert>
          <CopyField label="New API key" value={state.data.secret} testId="new-api-key" />
        </div>
      ) : null}
      {state && !state.ok && !errors ? <Alert tone="error">{state.message}</Alert> : null}
      <form action={action} className="flex items-end gap-3" noValidate aria-label="Create API key">
        <Field label="Key name" name="name" defaultValue={values?.name} required error={errors?.name} hint="Where it is used, e.g. “Production app”." />
        <Button type="submit" disabled={pending}>Create key</Button>
      </form>
    </div>
  );
}

export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState(revokeApiKeyAction, null);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <Button variant="danger" type="submit" disabled={pending} aria-label={`Revoke ${name}`}>Revoke</Button>
      {state && !state.ok ? <span role="alert" className="text-xs text-red-700">{state.message}</span> : null}
    </form>
  );
}
