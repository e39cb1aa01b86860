import { formatNumber, formatUtc } from '@/lib/format';
import type { ConnectorPreviewResult } from './types';

type Ready = Extract<ConnectorPreviewResult, { ok: true }>;

/** The preview of a JSON event or external action: where each report row would go, and a few of the bodies a run would send. */
export function ConnectorPreview({ result: r }: { result: Ready }) {
  const tiles = [['Report rows', r.read], ['Filtered out', r.filteredOut], ['Unchanged since last run', r.unchanged], ['Rejected', r.rejected], ['To send', r.toSend]] as const;
  return (
    <>
      <p className="text-sm text-slate-700">
        A run now would make {formatNumber(r.toSend)} {r.toSend === 1 ? 'call' : 'calls'} to {r.target}, one per row, with the report as of {formatUtc(r.asOf)} UTC.
        {r.sendUnchanged ? ' “Send on every run” is on: rows are sent again even when their values have not changed.' : ''}
      </p>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {tiles.map(([label, n]) => (
          <div key={label} className="rounded-md border border-slate-200 p-3">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="text-lg font-semibold text-slate-900">{formatNumber(n)}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="preview-payloads">
        <h3 id="preview-payloads" className="mb-2 text-sm font-semibold text-slate-800">Sample payloads</h3>
        {r.samples.length === 0 ? <p className="text-sm text-slate-600">No row would be sent.</p> : (
          <ul className="flex max-h-72 flex-col gap-2 overflow-y-auto">
            {r.samples.map((s) => (
              <li key={s.userId} aria-label={`Payload for ${s.userId}`} className="rounded-md border border-slate-200">
                <p className="border-b border-slate-100 bg-slate-50 px-2 py-1 text-xs text-slate-600">User ID <span className="font-mono text-slate-900">{s.userId}</span></p>
                <pre className="overflow-x-auto px-2 py-1 font-mono text-xs text-slate-800">{JSON.stringify(s.payload, null, 2)}</pre>
              </li>
            ))}
          </ul>
        )}
        {r.toSend > r.samples.length ? <p className="mt-1 text-xs text-slate-500">The first {formatNumber(r.samples.length)} of {formatNumber(r.toSend)} rows to send.</p> : null}
      </section>
      {r.rejections.length > 0 ? (
        <section aria-labelledby="preview-rejected">
          <h3 id="preview-rejected" className="mb-2 text-sm font-semibold text-slate-800">Rows that would be rejected</h3>
          <ul className="flex max-h-40 flex-col gap-1 overflow-y-auto text-sm text-slate-700">
            {r.rejections.map((x) => <li key={x.key}><strong>{x.key}</strong>: {x.message} {x.fix}</li>)}
          </ul>
        </section>
      ) : null}
    </>
  );
}
