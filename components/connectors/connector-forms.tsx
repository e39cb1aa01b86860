'use client';

import { useActionState, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, SelectField } from '@/components/ui/field';
import { useSavedToast } from './use-saved-toast';
import { useConnectorActions } from './connector-actions';

function hostOf(raw: string): string | null {
  try {
    return new URL(raw).host.toLowerCase();
  } catch {
    return null;
  }
}

/** A connector as the form edits it (no secret: only whether one is stored). */
export interface ConnectorFormValues {
  id: string;
  name: string;
  baseUrl: string | null;
  authType: 'basic' | 'header' | 'none';
  authUsername: string | null;
  authHeaderName: string | null;
  hasSecret: boolean;
  secretHint: string | null;
  callsPerMinute: number;
}

/**
 * Adds or edits a connector to an HTTP system. One connector per system: when another connector already
 * holds the same host, the answer says so and offers to add actions to it instead (or to add a second one anyway).
 */
export function ConnectorForm({ connector, others, onUseExisting }: {
  connector?: ConnectorFormValues;
  /** The workspace's other connectors, to spot a second one for the same host while the URL is typed. */
  others: Array<{ id: string; name: string; host: string | null }>;
  onUseExisting?: (connectorId: string) => void;
}) {
  const { saveConnector } = useConnectorActions();
  const [state, action, pending] = useActionState(saveConnector, null);
  const [authType, setAuthType] = useState(connector?.authType ?? 'header');
  useSavedToast(state);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const [baseUrl, setBaseUrl] = useState(values?.baseUrl ?? connector?.baseUrl ?? '');
  const twin = others.find((o) => o.id !== connector?.id && o.host && o.host === hostOf(baseUrl));
  const prefix = connector ? `connector-${connector.id}` : 'new-connector';
  return (
    <form action={action} className="flex flex-col gap-3" aria-label={connector ? `Edit connector ${connector.name}` : 'Add connector'} noValidate>
      {connector ? <input type="hidden" name="id" value={connector.id} /> : null}
      {state && !state.ok && !errors && !(twin && state.code === 'CONFLICT') ? <Alert tone="error">{state.message}</Alert> : null}
      {twin ? (
        <Alert tone="info">
          <p>“{twin.name}” already connects to {twin.host}. You only need one connector per system: add your actions to it.</p>
          <div className="mt-2 flex flex-wrap items-center gap-3">
            {onUseExisting ? <Button type="button" onClick={() => onUseExisting(twin.id)}>Add an action to “{twin.name}”</Button> : null}
            <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="confirmSameHost" value="true" /> Add a second connector for this host anyway</label>
          </div>
        </Alert>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${prefix}-name`} label="Name" name="name" defaultValue={values?.name ?? connector?.name} error={errors?.name} hint="The system, e.g. “Gainsight”." />
        <Field id={`${prefix}-base`} label="Base URL" name="baseUrl" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} error={errors?.baseUrl}
          hint="https://acme.gainsightcloud.com: actions call paths under it." />
        <SelectField id={`${prefix}-auth`} label="Authentication" name="authType" value={authType} onChange={(e) => setAuthType(e.target.value as typeof authType)} error={errors?.authType}>
          <option value="header">Header token (e.g. Accesskey)</option>
          <option value="basic">Basic (user name and password or token)</option>
          <option value="none">None</option>
        </SelectField>
        {authType === 'basic' ? (
          <Field id={`${prefix}-user`} label="User name" name="authUsername" autoComplete="off" defaultValue={values?.authUsername ?? connector?.authUsername ?? ''} error={errors?.authUsername} />
        ) : authType === 'header' ? (
          <Field id={`${prefix}-header`} label="Header name" name="authHeaderName" defaultValue={values?.authHeaderName ?? connector?.authHeaderName ?? 'Accesskey'} error={errors?.authHeaderName} />
        ) : <div />}
        {authType !== 'none' ? (
          <Field id={`${prefix}-secret`} label={authType === 'basic' ? 'Password or API token' : 'Token'} name="secret" type="password" autoComplete="new-password" error={errors?.secret}
            placeholder={connector?.hasSecret ? `Stored (ends in ${connector.secretHint ?? '…'}); leave blank to keep it` : ''} hint="Stored encrypted; never shown again." />
        ) : null}
        <Field id={`${prefix}-limit`} label="Calls a minute" name="callsPerMinute" type="number" min={1} max={6000} defaultValue={values?.callsPerMinute ?? connector?.callsPerMinute ?? 60}
          error={errors?.callsPerMinute} hint="Runs send at most this many calls a minute (Gainsight allows 100)." />
      </div>
      <div><Button type="submit" disabled={pending}>{connector ? 'Save connector' : 'Add connector'}</Button></div>
    </form>
  );
}

export function DeleteConnectorButton({ id, name, actions }: { id: string; name: string; actions: number }) {
  const { deleteConnector } = useConnectorActions();
  const [state, action, pending] = useActionState(deleteConnector, null);
  const form = useRef<HTMLFormElement>(null);
  return (
    <form action={action} ref={form}>
      <input type="hidden" name="id" value={id} />
      <ConfirmDialog title={`Delete connector ${name}?`} confirmLabel="Delete"
        description={`Its credentials and its ${actions} action${actions === 1 ? '' : 's'} are deleted. Integrations sending to them fail until you pick another action.`}
        onConfirm={() => form.current?.requestSubmit()}
        trigger={<Button variant="danger" type="button" disabled={pending} aria-label={`Delete connector ${name}`}>Delete</Button>} />
      {state && !state.ok ? <span role="alert" className="text-xs text-red-700">{state.message}</span> : null}
    </form>
  );
}
