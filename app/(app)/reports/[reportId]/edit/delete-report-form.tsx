'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { deleteCustomReportAction } from '../../actions';

/** Deletes the report after the user confirms; the action answers with a redirect to the catalog. */
export function DeleteReportForm({ reportId, reportName }: { reportId: string; reportName: string }) {
  const [state, action, pending] = useActionState(deleteCustomReportAction, null);
  return (
    <form action={action} aria-label={`Delete ${reportName}`} className="flex flex-col gap-3"
      onSubmit={(event) => {
        if (!window.confirm(`Delete the report "${reportName}"? Integrations using it will fail until they use another report.`)) event.preventDefault();
      }}>
      <p className="text-sm text-slate-600">Deleting removes the report definition; the events it was built from stay.</p>
      <input type="hidden" name="reportId" value={reportId} />
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <div><Button type="submit" variant="danger" disabled={pending}>Delete report</Button></div>
    </form>
  );
}
