'use client';

import { useActionState, useRef } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { connectAction, disconnectAction } from './actions';

/** "+ Add Account" for one environment; with real Salesforce an optional My Domain. */
export function AddAccountForm({ environment, label, askMyDomain }: { environment: string; label: string; askMyDomain: boolean }) {
  const [state, action, pending] = useActionState(connectAction, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" aria-label={`Add ${label} account`}>
      <input type="hidden" name="environment" value={environment} />
      {askMyDomain ? (
        <label className="flex flex-col gap-1 text-xs text-slate-600">
          My Domain (optional)
          <input name="myDomain" placeholder="acme.my.salesforce.com" className="rounded-md border border-slate-300 px-2 py-1 text-sm" />
        </label>
      ) : null}
      <Button type="submit" disabled={pending}>+ Add Account</Button>
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
    </form>
  );
}

export function ReconnectButton({ environment, accountId, username }: { environment: string; accountId: string; username: string }) {
  const [state, action, pending] = useActionState(connectAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="environment" value={environment} />
      <input type="hidden" name="reconnectAccountId" value={accountId} />
      <Button variant="secondary" type="submit" disabled={pending} aria-label={`Reconnect ${username}`}>Reconnect</Button>
      {state && !state.ok ? <span role="alert" className="text-xs text-red-700">{state.message}</span> : null}
    </form>
  );
}

/** Disconnect asks first: integrations on this account stop running until another account is chosen. */
export function DisconnectButton({ accountId, username }: { accountId: string; username: string }) {
  const [state, action, pending] = useActionState(disconnectAction, null);
  const form = useRef<HTMLFormElement>(null);
  return (
    <form action={action} ref={form}>
      <input type="hidden" name="accountId" value={accountId} />
      <ConfirmDialog title={`Disconnect ${username}?`} confirmLabel="Disconnect"
        description="Its access is revoked at Salesforce and the account is removed here. Integrations that push to it fail until you choose another account for them."
        onConfirm={() => form.current?.requestSubmit()}
        trigger={<Button variant="danger" type="button" disabled={pending} aria-label={`Disconnect ${username}`}>Disconnect</Button>} />
      {state && !state.ok ? <span role="alert" className="text-xs text-red-700">{state.message}</span> : null}
    </form>
  );
}
