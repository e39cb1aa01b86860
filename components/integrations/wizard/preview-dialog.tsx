'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { formatNumber } from '@/lib/format';
import type { PreviewResult, WizardValues } from './types';

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  return String(value);
}

/** "Preview changes": the engine's dry run of the form as it stands, nothing written to Salesforce. */
export function PreviewDialog({ preview, values, disabled }: {
  preview: (values: WizardValues) => Promise<{ ok: true; data: PreviewResult } | { ok: false; message: string }>;
  values: () => WizardValues;
  disabled: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<{ loading: boolean; result?: PreviewResult; error?: string }>({ loading: false });
  const run = async () => {
    setState({ loading: true });
    const answer = await preview(values());
    setState(answer.ok ? { loading: false, result: answer.data } : { loading: false, error: answer.message });
  };
  const counts = state.result?.counts;
  return (
    <Dialog size="lg" title="Preview changes" open={open} onOpenChange={(next) => { setOpen(next); if (next) void run(); }}
      description="What a run would do now. Nothing is written to Salesforce."
      trigger={<Button type="button" variant="secondary" disabled={disabled}>Preview changes</Button>}>
      {state.loading ? <p role="status" className="text-sm text-slate-600">Reading the report and looking up records in Salesforce…</p> : null}
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {counts ? (
        <>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {([['Rows read', counts.read], ['Records to update', counts.toUpdate], ['Unchanged', counts.unchanged], ['No match', counts.noMatch],
              ['Multiple matches', counts.multipleMatches], ['Rejected', counts.rejected]] as const).map(([label, n]) => (
              <div key={label} className="rounded-md border border-slate-200 p-3">
                <dt className="text-xs text-slate-500">{label}</dt>
                <dd className="text-lg font-semibold text-slate-900">{formatNumber(n)}</dd>
              </div>
            ))}
          </dl>
          <section aria-labelledby="preview-samples">
            <h3 id="preview-samples" className="mb-2 text-sm font-semibold text-slate-800">Sample changes</h3>
            {state.result!.samples.length === 0 ? <p className="text-sm text-slate-600">No record would change.</p> : (
              <ul className="flex flex-col gap-2 text-sm">
                {state.result!.samples.map((s) => (
                  <li key={`${s.key}-${s.recordId}`} className="rounded-md border border-slate-200 p-2">
                    <p className="font-medium text-slate-800">{s.key} <span className="font-normal text-slate-500">({s.recordId})</span></p>
                    <ul className="mt-1 grid gap-0.5 text-slate-700">
                      {s.changes.map((c) => <li key={c.field}><span className="font-mono text-xs">{c.field}</span>: {show(c.from)} → <strong>{show(c.to)}</strong></li>)}
                    </ul>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {state.result!.rejected.length > 0 ? (
            <section aria-labelledby="preview-rejected">
              <h3 id="preview-rejected" className="mb-2 text-sm font-semibold text-slate-800">Rows that would be rejected</h3>
              <ul className="flex flex-col gap-1 text-sm text-slate-700">
                {state.result!.rejected.map((r) => <li key={`${r.key}-${r.column}`}><strong>{r.key}</strong>, {r.column}: {r.reason} {r.fix}</li>)}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
    </Dialog>
  );
}
