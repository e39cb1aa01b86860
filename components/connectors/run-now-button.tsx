'use client';

import { useActionState } from 'react';
import { runConnectorIntegrationAction } from '@/app/(app)/connectors/actions';
import { Button } from '@/components/ui/button';

export function RunNowButton({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState(runConnectorIntegrationAction, null);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="secondary" className="whitespace-nowrap" disabled={pending} aria-label={`Run Now ${name}`}>Run Now</Button>
      {state && !state.ok ? <span role="alert" className="text-xs text-red-700">{state.message}</span> : null}
      {state?.ok ? <span role="status" className="text-xs text-green-700">{state.message}</span> : null}
    </form>
  );
}
