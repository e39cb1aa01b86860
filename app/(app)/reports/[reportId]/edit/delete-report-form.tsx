'use client';

import { useActionState, useRef } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { deleteCustomReportAction } from '../../actions';

/** Deletes the report after the user confirms; the action answers with a redirect to the catalog. */
export function DeleteReportForm({ reportId, reportName }: { reportId: string; reportName: string }) {
  const [state, action, pending] = useActionState(deleteCustomReportAction, null);
  const form = useRef<HTMLFormElement>(null);
  return (
    <form action={action} ref={form} aria-label={`Delete ${reportName}`} className="flex flex-col gap-3">
      <p className="text-sm text-slate-600">Deleting removes the report definition; the events it was built from stay.</p>
      <input type="hidden" name="reportId" value={reportId} />
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <div>
        <ConfirmDialog title={`Delete the report “${reportName}”?`} confirmLabel="Delete report"
          description="Integrations using it will fail until they use another report. This cannot be undone."
          onConfirm={() => form.current?.requestSubmit()}
          trigger={<Button type="button" variant="danger" disabled={pending}>Delete report</Button>} />
      </div>
    </form>
  );
}
