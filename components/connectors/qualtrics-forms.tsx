'use client';

import { startTransition, useActionState, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, TextareaField } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { useSavedToast } from './use-saved-toast';
import { TestResultPanel, useTestUntilSaved } from './test-result';
import { useConnectorActions } from './connector-actions';

/** Username and API token; the API token is never shown again, a blank one keeps the stored token. */
export function QualtricsConnectionForm({ username, hasToken, tokenHint }: { username: string | null; hasToken: boolean; tokenHint: string | null }) {
  const { saveQualtricsConnection } = useConnectorActions();
  const [state, action, pending] = useActionState(saveQualtricsConnection, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={action} className="flex flex-col gap-3" aria-label="Qualtrics connection" noValidate>
      {state?.ok ? <Alert tone="success">{state.message}</Alert> : null}
      {state && !state.ok && !errors ? <Alert tone="error">{state.message}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Qualtrics username" name="username" autoComplete="off" defaultValue={(state && !state.ok ? state.values?.username : undefined) ?? username ?? ''}
          error={errors?.username} hint="The Qualtrics user the API token belongs to, e.g. ana@acme.com." />
        <Field label="API token" name="apiToken" type="password" autoComplete="new-password" error={errors?.apiToken}
          placeholder={hasToken ? `Stored (ends in ${tokenHint ?? '…'}); leave blank to keep it` : ''}
          hint="Account Settings › Qualtrics IDs › API. Stored encrypted." />
      </div>
      <div><Button type="submit" disabled={pending}>{username ? 'Save connection' : 'Connect Qualtrics'}</Button></div>
    </form>
  );
}

/** The Basic header, masked; Copy asks the server for it (admins only) and puts it on the clipboard. */
export function AuthHeaderCopy({ masked }: { masked: string }) {
  const { revealQualtricsHeader } = useConnectorActions();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const copy = async () => {
    setBusy(true);
    try {
      const result = await revealQualtricsHeader(null, {});
      if (!result.ok) { toast.error('Could not copy the header', result.message); return; }
      await navigator.clipboard.writeText(result.data.header);
      toast.success('Authentication header copied', 'Paste it into the Gainsight connector’s Authorization header.');
    } catch {
      toast.error('Could not copy the header', 'Your browser refused clipboard access. Allow it for this site and try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-3">
      <span className="text-sm font-medium text-slate-700">Authentication header</span>
      <code data-testid="masked-header" className="rounded bg-slate-100 px-2 py-1 font-mono text-sm">{masked}</code>
      <Button variant="secondary" type="button" onClick={() => void copy()} disabled={busy}>Copy</Button>
    </div>
  );
}

export function DemoQualtricsButton() {
  const { setUpDemoQualtrics } = useConnectorActions();
  const [state, action, pending] = useActionState(setUpDemoQualtrics, null);
  return (
    <form action={action} className="flex items-center gap-3">
      <Button variant="secondary" type="submit" disabled={pending}>Use the demo Qualtrics</Button>
      {state && !state.ok ? <span role="alert" className="text-sm text-red-700">{state.message}</span> : null}
    </form>
  );
}

/**
 * A JSON event pasted from a Qualtrics workflow: its URL is checked for shape; "Test" sends the key-value
 * pairs the user chooses and shows the answer, before or after saving.
 */
export function QualtricsEventForm({ event }: { event?: { id: string; name: string; url: string; payloadTemplate: string } }) {
  const { saveQualtricsEvent, testQualtricsEvent } = useConnectorActions();
  const [saved, save, saving] = useActionState(saveQualtricsEvent, null);
  const [tested, test, testing] = useActionState(testQualtricsEvent, null);
  const { shown } = useTestUntilSaved(saved, tested);
  const form = useRef<HTMLFormElement>(null);
  useSavedToast(saved);
  const errors = saved && !saved.ok ? saved.fieldErrors : tested && !tested.ok ? tested.fieldErrors : undefined;
  const values = saved && !saved.ok ? saved.values : undefined;
  const prefix = event ? `event-${event.id}` : 'new-event';
  return (
    <form ref={form} action={save} className="flex flex-col gap-3" aria-label={event ? `Edit JSON event ${event.name}` : 'Add JSON event'} noValidate>
      {event ? <input type="hidden" name="id" value={event.id} /> : null}
      {saved && !saved.ok && !saved.fieldErrors ? <Alert tone="error">{saved.message}</Alert> : null}
      {tested && !tested.ok && !tested.fieldErrors ? <Alert tone="error">{tested.message}</Alert> : null}
      <Field id={`${prefix}-name`} label="Name" name="name" defaultValue={values?.name ?? event?.name} error={errors?.name} hint="Which workflow it starts, e.g. “NPS detractor follow-up”." />
      <Field id={`${prefix}-url`} label="JSON event URL" name="url" defaultValue={values?.url ?? event?.url} error={errors?.url}
        hint="From the workflow’s JSON event: https://yourdatacenter.qualtrics.com/inbound-event/v1/events/json/triggers?urlTokenId=…" />
      <TextareaField id={`${prefix}-payload`} label="Payload template" name="payloadTemplate" rows={4} className="font-mono" defaultValue={values?.payloadTemplate ?? event?.payloadTemplate ?? '{ }'}
        error={errors?.payloadTemplate} hint="JSON with {{Column}} tokens for report columns; { } when the event only starts the workflow. Integrations can also map columns to keys." />
      <TextareaField id={`${prefix}-pairs`} label="Test key-value pairs" name="pairs" rows={3} className="font-mono" placeholder={'Company GSID: 1P02ABC\nRenewal Date: 2027-01-31'}
        error={errors?.pairs} hint="One “key: value” a line. Test sends exactly these to the URL; they appear as “JSON captured from most recent test” in Qualtrics." />
      <div className="flex gap-2">
        <Button type="button" variant="secondary" disabled={testing} onClick={() => { const data = form.current ? new FormData(form.current) : null; if (data) startTransition(() => test(data)); }}>Test</Button>
        <Button type="submit" disabled={saving}>Save JSON event</Button>
      </div>
      {shown?.ok ? <TestResultPanel result={shown.data} /> : null}
    </form>
  );
}

