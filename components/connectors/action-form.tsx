'use client';

import { startTransition, useActionState, useEffect, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, SelectField, TextareaField } from '@/components/ui/field';
import { TestResultPanel, useTestUntilSaved } from './test-result';
import { useSavedToast } from './use-saved-toast';
import { useConnectorActions } from './connector-actions';

/** An external action as the form edits it. */
export interface ActionFormValues {
  id: string;
  connectorId: string;
  name: string;
  method: string;
  url: string;
  headers: Array<{ name: string; value: string }>;
  payloadTemplate: string;
}

const METHODS = ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'];

/** Everything the call depends on, to know whether the last successful test still describes the form. */
function signature(form: HTMLFormElement): string {
  const data = new FormData(form);
  return JSON.stringify(['connectorId', 'method', 'url', 'headers', 'payloadTemplate'].map((k) => data.get(k)));
}

/**
 * One call through a connector: method, URL (a path under the connector's base URL), headers, and a JSON
 * payload template with {{Column}} tokens. It is tested with sample values first: Save is enabled once a
 * test of exactly these settings succeeded.
 */
export function ActionForm({ action: existing, connectors, connectorId }: {
  action?: ActionFormValues;
  connectors: Array<{ id: string; name: string; baseUrl: string | null }>;
  connectorId?: string;
}) {
  const { saveAction, testAction } = useConnectorActions();
  const [saved, save, saving] = useActionState(saveAction, null);
  const [tested, test, testing] = useActionState(testAction, null);
  const form = useRef<HTMLFormElement>(null);
  const [current, setCurrent] = useState('');
  const [testedSignature, setTestedSignature] = useState<string | null>(null);
  const pendingSignature = useRef('');
  useSavedToast(saved);
  const errors = saved && !saved.ok ? saved.fieldErrors : tested && !tested.ok ? tested.fieldErrors : undefined;
  const values = saved && !saved.ok ? saved.values : undefined;
  const prefix = existing ? `action-${existing.id}` : 'new-action';

  useEffect(() => { if (form.current) setCurrent(signature(form.current)); }, []);
  useEffect(() => { if (tested?.ok && tested.data.ok) setTestedSignature(pendingSignature.current); }, [tested]);
  const { shown, savedNow } = useTestUntilSaved(saved, tested);
  // A saved form is reset: Save waits for a test of what is typed next.
  if (savedNow) setTestedSignature(null);

  const runTest = () => {
    if (!form.current) return;
    pendingSignature.current = signature(form.current);
    const data = new FormData(form.current);
    startTransition(() => test(data));
  };
  const canSave = testedSignature !== null && testedSignature === current;
  return (
    <form ref={form} action={save} onChange={() => form.current && setCurrent(signature(form.current))} className="flex flex-col gap-3"
      aria-label={existing ? `Edit action ${existing.name}` : 'Add external action'} noValidate>
      {existing ? <input type="hidden" name="id" value={existing.id} /> : null}
      {saved && !saved.ok && !saved.fieldErrors ? <Alert tone="error">{saved.message}</Alert> : null}
      {tested && !tested.ok && !tested.fieldErrors ? <Alert tone="error">{tested.message}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr_8rem]">
        <SelectField id={`${prefix}-connector`} label="Connector" name="connectorId" defaultValue={values?.connectorId ?? existing?.connectorId ?? connectorId ?? connectors[0]?.id} error={errors?.connectorId}
          hint="All actions for one system share its connector.">
          {connectors.map((c) => <option key={c.id} value={c.id}>{c.name}{c.baseUrl ? ` (${new URL(c.baseUrl).host})` : ''}</option>)}
        </SelectField>
        <Field id={`${prefix}-name`} label="Name" name="name" defaultValue={values?.name ?? existing?.name} error={errors?.name} />
        <SelectField id={`${prefix}-method`} label="Method" name="method" defaultValue={values?.method ?? existing?.method ?? 'POST'} error={errors?.method}>
          {METHODS.map((m) => <option key={m}>{m}</option>)}
        </SelectField>
      </div>
      <Field id={`${prefix}-url`} label="URL" name="url" defaultValue={values?.url ?? existing?.url} error={errors?.url}
        hint="A path under the connector’s base URL (/v1/hooks/renewal) or a full URL on its host; {{Column}} tokens are URL-encoded." />
      <TextareaField id={`${prefix}-headers`} label="Headers" name="headers" rows={2} className="font-mono"
        defaultValue={values?.headers ?? existing?.headers.map((h) => `${h.name}: ${h.value}`).join('\n') ?? ''} error={errors?.headers}
        hint="One “Name: value” a line. Credentials come from the connector." />
      <TextareaField id={`${prefix}-payload`} label="Payload" name="payloadTemplate" rows={5} className="font-mono" defaultValue={values?.payloadTemplate ?? existing?.payloadTemplate ?? '{ }'}
        error={errors?.payloadTemplate} hint='JSON with {{Column}} tokens, e.g. {"Email": "{{Email}}", "Score": {{NPS Score}}}. Use { } when the call only triggers.' />
      <TextareaField id={`${prefix}-samples`} label="Sample values" name="samples" rows={3} className="font-mono" placeholder={'Email: ana@example.com\nNPS Score: 3'}
        error={errors?.samples} hint="A value for each {{Column}} token, one “Column: value” a line, for the test call." />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" variant="secondary" disabled={testing} onClick={runTest}>Test</Button>
        <Button type="submit" disabled={saving || !canSave}>Save action</Button>
        {!canSave ? <span className="text-xs text-slate-500">Test these settings successfully to save them.</span> : null}
      </div>
      {shown?.ok ? <TestResultPanel result={shown.data} /> : null}
    </form>
  );
}

export function DeleteActionButton({ id, name }: { id: string; name: string }) {
  const { deleteAction } = useConnectorActions();
  const [state, action, pending] = useActionState(deleteAction, null);
  const form = useRef<HTMLFormElement>(null);
  return (
    <form action={action} ref={form}>
      <input type="hidden" name="id" value={id} />
      <ConfirmDialog title={`Delete ${name}?`} confirmLabel="Delete"
        description="Integrations sending to it fail until you pick another action."
        onConfirm={() => form.current?.requestSubmit()}
        trigger={<Button variant="danger" type="button" disabled={pending} aria-label={`Delete ${name}`}>Delete</Button>} />
      {state && !state.ok ? <span role="alert" className="text-xs text-red-700">{state.message}</span> : null}
    </form>
  );
}
