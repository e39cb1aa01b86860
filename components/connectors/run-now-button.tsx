'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { useConnectorActions } from './connector-actions';

export function RunNowButton({ id, name }: { id: string; name: string }) {
  const { runConnectorIntegration } = useConnectorActions();
  const [state, action, pending] = useActionState(runConnectorIntegration, null);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="secondary" className="whitespace-nowrap" disabled={pending} aria-label={`Run Now ${name}`}>Run Now</Button>
      {state && !state.ok ? <span role="alert" className="text-xs text-red-700">{state.message}</span> : null}
      {state?.ok ? <span role="status" className="text-xs text-green-700">{state.message}</span> : null}
    </form>
  );
}
