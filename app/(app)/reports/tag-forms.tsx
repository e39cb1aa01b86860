'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { addReportTagAction, removeReportTagAction } from './actions';

/** One tag as a chip with a button that removes it from the report. */
export function RemoveTagButton({ reportId, reportName, tag }: { reportId: string; reportName: string; tag: string }) {
  const [state, action, pending] = useActionState(removeReportTagAction, null);
  return (
    <form action={action} className="inline-flex items-center">
      <input type="hidden" name="reportId" value={reportId} />
      <input type="hidden" name="tag" value={tag} />
      <span className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pl-2 pr-1 text-xs text-slate-700">
        {tag}
        <button type="submit" disabled={pending} aria-label={`Remove tag ${tag} from ${reportName}`}
          className="rounded-full px-1 text-slate-500 hover:bg-slate-200 hover:text-slate-900">×</button>
      </span>
      {state && !state.ok ? <span role="alert" className="ml-2 text-xs text-red-700">{state.message}</span> : null}
    </form>
  );
}

/** A small form that adds a tag to a report. */
export function AddTagForm({ reportId, reportName }: { reportId: string; reportName: string }) {
  const [state, action, pending] = useActionState(addReportTagAction, null);
  const error = state && !state.ok ? (state.fieldErrors?.tag?.join(' ') ?? state.message) : null;
  return (
    <form action={action} className="flex items-center gap-2" aria-label={`Add a tag to ${reportName}`}>
      <input type="hidden" name="reportId" value={reportId} />
      <label className="sr-only" htmlFor={`tag-${reportId}`}>New tag for {reportName}</label>
      {/* A refused tag stays in the field (the action echoes it), so it can be corrected rather than retyped. */}
      <input id={`tag-${reportId}`} name="tag" placeholder="add tag" list="known-tags" defaultValue={state && !state.ok ? (state.values?.tag ?? '') : ''}
        className="w-40 rounded-md border border-slate-300 px-2 py-1 text-xs" aria-invalid={error ? true : undefined} />
      <Button type="submit" variant="secondary" disabled={pending} className="px-2 py-1 text-xs">Add</Button>
      {error ? <span role="alert" className="text-xs text-red-700">{error}</span> : null}
    </form>
  );
}
