'use client';

import { useActionState, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { Field, SelectField, TextareaField } from '@/components/ui/field';
import { useConnectorActions } from './connector-actions';

/** New credentials: id, name, username and password, as the create and rotate actions answer them. */
interface IssuedCredentials { id: string; name: string; username: string; password: string }

/**
 * The credentials of a trigger, shown once in a dialog right after they are made (the list below may
 * re-render and collapse the form meanwhile). Closing it forgets the password on this page.
 */
function CredentialsOnce({ issued, appUrl }: { issued: IssuedCredentials | null; appUrl: string }) {
  const [dismissed, setDismissed] = useState<string | null>(null);
  const key = issued ? `${issued.id}:${issued.username}` : null;
  if (!issued || key === dismissed) return null;
  const url = `${appUrl}/api/v1/inbound/${issued.id}`;
  const header = `Basic ${btoa(`${issued.username}:${issued.password}`)}`;
  return (
    <Dialog open onOpenChange={(open) => { if (!open) setDismissed(key); }} title={`Credentials for “${issued.name}”`}
      description="Copy them now: the password is not shown again, and only a hash of it is kept here.">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="font-medium">URL</dt><dd><code data-testid="trigger-url" className="select-all break-all">{url}</code></dd>
        <dt className="font-medium">Username</dt><dd><code data-testid="trigger-username" className="select-all">{issued.username}</code></dd>
        <dt className="font-medium">Password</dt><dd><code data-testid="trigger-password" className="select-all break-all">{issued.password}</code></dd>
        <dt className="font-medium">Authorization header</dt><dd><code data-testid="trigger-header" className="select-all break-all">{header}</code></dd>
      </dl>
      <p className="text-sm text-slate-600">In Gainsight, create one custom connector with this header and an external action that POSTs JSON to the URL; call it from the Rules Engine with “Call External API”.</p>
      <div className="flex justify-end"><DialogClose render={<Button>I have copied them</Button>} /></div>
    </Dialog>
  );
}

/** Creates an inbound JSON-event trigger: its fields, and whether a call runs an integration or records an event. */
export function CreateTriggerForm({ integrations, appUrl }: { integrations: Array<{ id: string; name: string }>; appUrl: string }) {
  const { createTrigger } = useConnectorActions();
  const [state, action, pending] = useActionState(createTrigger, null);
  const [kind, setKind] = useState<'run_integration' | 'record_event'>('run_integration');
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <div className="flex flex-col gap-3">
      <CredentialsOnce issued={state?.ok ? state.data : null} appUrl={appUrl} />
      {state?.ok ? <Alert tone="success">Trigger “{state.data.name}” created.</Alert> : null}
      {state && !state.ok && !errors ? <Alert tone="error">{state.message}</Alert> : null}
      <form action={action} className="flex flex-col gap-3" aria-label="Create inbound trigger" noValidate>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="trigger-name" label="Name" name="name" defaultValue={values?.name} error={errors?.name} hint="What calls it, e.g. “Gainsight renewal rule”." />
          <SelectField id="trigger-kind" label="What a call does" name="actionKind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} error={errors?.actionKind}>
            <option value="run_integration">Run an integration</option>
            <option value="record_event">Record an Insights event</option>
          </SelectField>
        </div>
        <TextareaField id="trigger-fields" label="User-defined fields" name="fields" rows={2} defaultValue={values?.fields} error={errors?.fields}
          hint="The JSON fields calls carry, one a line or separated by commas (e.g. Company GSID, Renewal Date). Nested ones by path: company.gsid." />
        {kind === 'run_integration' ? (
          integrations.length === 0 ? <Alert tone="info">Create an integration first; a call then runs it.</Alert> : (
            <SelectField id="trigger-integration" label="Integration" name="integrationId" defaultValue={values?.integrationId} error={errors?.integrationId}>
              {integrations.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
            </SelectField>
          )
        ) : (
          <div className="grid gap-3 sm:grid-cols-3">
            <Field id="trigger-type" label="Event type" name="eventType" defaultValue={values?.eventType} error={errors?.eventType} placeholder="gainsight_renewal" />
            <Field id="trigger-user" label="End user id field" name="userIdField" defaultValue={values?.userIdField} error={errors?.userIdField} placeholder="User ID" />
            <Field id="trigger-email" label="Email field (optional)" name="emailField" defaultValue={values?.emailField} error={errors?.emailField} placeholder="Email" />
            <TextareaField id="trigger-props" label="Properties" name="properties" rows={2} className="sm:col-span-3 font-mono" defaultValue={values?.properties} error={errors?.properties}
              hint="One “property = field” a line, e.g. renewalDate = Renewal Date." />
          </div>
        )}
        <div><Button type="submit" disabled={pending}>Create trigger</Button></div>
      </form>
    </div>
  );
}

export function RotateTriggerButton({ id, name, appUrl }: { id: string; name: string; appUrl: string }) {
  const { rotateTrigger } = useConnectorActions();
  const [state, action, pending] = useActionState(rotateTrigger, null);
  const form = useRef<HTMLFormElement>(null);
  return (
    <div className="flex flex-col gap-2">
      <form action={action} ref={form}>
        <input type="hidden" name="id" value={id} />
        <ConfirmDialog title={`New credentials for ${name}?`} confirmLabel="Issue new credentials" tone="primary"
          description="The current username and password stop working at once; update the Gainsight connector with the new ones."
          onConfirm={() => form.current?.requestSubmit()}
          trigger={<Button variant="secondary" type="button" disabled={pending}>New credentials</Button>} />
      </form>
      <CredentialsOnce issued={state?.ok ? state.data : null} appUrl={appUrl} />
      {state && !state.ok ? <span role="alert" className="text-xs text-red-700">{state.message}</span> : null}
    </div>
  );
}

export function DeleteTriggerButton({ id, name }: { id: string; name: string }) {
  const { deleteTrigger } = useConnectorActions();
  const [state, action, pending] = useActionState(deleteTrigger, null);
  const form = useRef<HTMLFormElement>(null);
  return (
    <form action={action} ref={form}>
      <input type="hidden" name="id" value={id} />
      <ConfirmDialog title={`Delete trigger ${name}?`} confirmLabel="Delete"
        description="Calls to its URL are refused from now on."
        onConfirm={() => form.current?.requestSubmit()}
        trigger={<Button variant="danger" type="button" disabled={pending} aria-label={`Delete trigger ${name}`}>Delete</Button>} />
      {state && !state.ok ? <span role="alert" className="text-xs text-red-700">{state.message}</span> : null}
    </form>
  );
}
