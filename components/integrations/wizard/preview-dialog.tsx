'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { formatNumber, formatUtc } from '@/lib/format';
import type { ActionResult } from '@/lib/errors';
import { ConnectorPreview } from './connector-preview';
import type { ConnectorPreviewResult, PreviewResult, WizardValues } from './types';

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  // Date-times read as the rest of the product shows times: "2026-11-04 09:15 UTC".
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value))) return `${formatUtc(value)} UTC`;
  return String(value);
}

type Ready = Extract<PreviewResult | ConnectorPreviewResult, { ok: true }>;

/**
 * "Preview changes": the engine's dry run of the form as it stands; nothing is written to Salesforce or sent
 * to the system. `system` names a connector destination ("Qualtrics"); without it the destination is Salesforce.
 */
export function PreviewDialog({ preview, values, disabled, system }: {
  preview: (values: WizardValues) => Promise<ActionResult<PreviewResult | ConnectorPreviewResult>>;
  values: () => WizardValues;
  disabled: boolean;
  system?: string;
}) {
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<{ loading: boolean; result?: Ready; error?: string }>({ loading: false });
  const run = async () => {
    setState({ loading: true });
    const answer = await preview(values());
    if (!answer.ok) setState({ loading: false, error: answer.message });
    else if (!answer.data.ok) setState({ loading: false, error: answer.data.message });
    else setState({ loading: false, result: answer.data });
  };
  const r = state.result?.destination === 'salesforce' ? state.result : undefined;
  const c = state.result?.destination === 'connector' ? state.result : undefined;
  return (
    <Dialog size="lg" title="Preview changes" open={open} onOpenChange={(next) => { setOpen(next); if (next) void run(); }}
      description={system ? `What a run would send now. Nothing is sent to ${system}.` : 'What a run would do now. Nothing is written to Salesforce.'}
      trigger={<Button type="button" variant="secondary" disabled={disabled}>Preview changes</Button>}>
      {state.loading ? <p role="status" className="text-sm text-slate-600">{system ? 'Reading the report and building each row\'s payload…' : 'Reading the report and looking up records in Salesforce…'}</p> : null}
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {c ? <ConnectorPreview result={c} /> : null}
      {r ? (
        <>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {([['Report rows', r.read], ['Unchanged since last run', r.unchanged], ['Rejected', r.rejected], ['To send', r.toSend],
              ['Matched', r.matched], ['No match', r.noMatch], ['Multiple matches', r.multipleMatches], ['Records changing', r.recordsChanging]] as const).map(([label, n]) => (
              <div key={label} className="rounded-md border border-slate-200 p-3">
                <dt className="text-xs text-slate-500">{label}</dt>
                <dd className="text-lg font-semibold text-slate-900">{formatNumber(n)}</dd>
              </div>
            ))}
          </dl>
          {r.lookedUp < r.toSend ? <p className="text-xs text-slate-500">Matches are counted over the first {formatNumber(r.lookedUp)} rows to send.</p> : null}
          <section aria-labelledby="preview-samples">
            <h3 id="preview-samples" className="mb-2 text-sm font-semibold text-slate-800">Sample changes</h3>
            {r.changes.length === 0 ? <p className="text-sm text-slate-600">No record would change.</p> : (
              <div className="max-h-72 overflow-auto rounded-md border border-slate-200">
                <table className="min-w-full text-sm">
                  <caption className="sr-only">Sample changes: record, field, current value and new value</caption>
                  <thead className="sticky top-0 bg-slate-50"><tr>
                    {['Key', 'Record', 'Field', 'Now', 'After the run'].map((h) => <th key={h} scope="col" className="px-2 py-1 text-left text-xs font-semibold text-slate-600">{h}</th>)}
                  </tr></thead>
                  <tbody className="divide-y divide-slate-100">
                    {r.changes.map((c) => (
                      <tr key={`${c.recordId}-${c.field}`}>
                        <td className="max-w-56 truncate px-2 py-1" title={c.key}>{c.key}</td><td className="px-2 py-1 font-mono text-xs">{c.recordId}</td>
                        <td className="px-2 py-1 font-mono text-xs">{c.field}</td><td className="px-2 py-1 whitespace-nowrap text-slate-500">{show(c.current)}</td>
                        <td className="px-2 py-1 font-medium whitespace-nowrap">{show(c.next)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          {r.rejections.length > 0 ? (
            <section aria-labelledby="preview-rejected">
              <h3 id="preview-rejected" className="mb-2 text-sm font-semibold text-slate-800">Rows that would be rejected</h3>
              <ul className="flex max-h-40 flex-col gap-1 overflow-y-auto text-sm text-slate-700">
                {r.rejections.map((x) => <li key={`${x.key}-${x.field}`}><strong>{x.key}</strong>{x.field ? `, ${x.field}` : ''}: {x.message} {x.fix}</li>)}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
    </Dialog>
  );
}
