import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import type { RunLogRow } from '@/lib/sync/run-log';
import { formatNumber } from '@/lib/format';

/** The rows a run could not write, a page at a time, each with its reason and fix; the whole list as CSV. */
export function RejectedRows({ rows, total, page, pageSize, basePath }: { rows: RunLogRow[]; total: number; page: number; pageSize: number; basePath: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <section aria-labelledby="rejected-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="rejected-heading" className="text-base font-semibold text-slate-800">Rejected rows <span className="font-normal text-slate-500">({formatNumber(total)})</span></h2>
        {total > 0 ? <a href={`${basePath}/rejected.csv`} className={buttonClass('secondary')} download>Download CSV</a> : null}
      </div>
      {total === 0 ? <p className="text-sm text-slate-600">Every row this run read was written, unchanged or had no matching record.</p> : (
        <>
          <div className="overflow-x-auto rounded-md border border-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Rejected rows, page {page} of {pages}</caption>
              <thead className="bg-slate-50"><tr>
                {['Key', 'Field', 'Why', 'How to fix it'].map((h) => <th key={h} scope="col" className="px-3 py-2 text-left text-xs font-semibold text-slate-600">{h}</th>)}
              </tr></thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((r, i) => (
                  <tr key={`${r.key}-${i}`}>
                    <td className="px-3 py-2 whitespace-nowrap">{r.key}{r.recordIds.length > 0 ? <span className="block font-mono text-xs text-slate-500">{r.recordIds.join(', ')}</span> : null}</td>
                    <td className="px-3 py-2 font-mono text-xs">{r.field ?? '—'}</td>
                    <td className="px-3 py-2">{r.message}{r.errorCode ? <span className="block font-mono text-xs text-slate-500">{r.errorCode}</span> : null}</td>
                    <td className="px-3 py-2 text-slate-700">{r.fix}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 ? (
            <nav aria-label="Rejected rows pages" className="mt-3 flex items-center gap-3 text-sm">
              {page > 1 ? <Link href={`${basePath}?page=${page - 1}`} className="text-brand-700 hover:underline">Previous</Link> : <span className="text-slate-400">Previous</span>}
              <span className="text-slate-600">Page {page} of {pages}</span>
              {page < pages ? <Link href={`${basePath}?page=${page + 1}`} className="text-brand-700 hover:underline">Next</Link> : <span className="text-slate-400">Next</span>}
            </nav>
          ) : null}
        </>
      )}
    </section>
  );
}
