import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import type { RunLogRow } from '@/lib/sync/run-log';
import { formatNumber } from '@/lib/format';
import { pageCount } from '@/lib/paging';

/** Which rows of a run the log lists: those Salesforce refused, or those whose key found no record. */
export type RunRowsShown = 'rejected' | 'no_match';

/** The `show` query value of the log page, read leniently: anything but "no-match" lists the rejected rows. */
export function runRowsShown(value: string | undefined): RunRowsShown {
  return value === 'no-match' ? 'no_match' : 'rejected';
}

const NO_MATCH_WHY = 'No Salesforce record has this key.';
const NO_MATCH_FIX = 'Check that the record exists in Salesforce with this value in the key field. The row is looked up again with the next run.';

/**
 * The rows a run did not write, a page at a time: the rejected ones with their reason and fix (the whole
 * list as CSV), or the keys that matched no record. A filter switches between the two.
 */
export function RejectedRows({ rows, total, page, pageSize, basePath, show = 'rejected', counts }: {
  rows: RunLogRow[]; total: number; page: number; pageSize: number; basePath: string;
  show?: RunRowsShown; counts: { rejected: number; noMatch: number };
}) {
  const pages = pageCount(total, pageSize);
  const noMatch = show === 'no_match';
  const query = (p: number) => `${basePath}?${noMatch ? 'show=no-match&' : ''}page=${p}`;
  const title = noMatch ? 'Rows with no match' : 'Rejected rows';
  return (
    <section aria-labelledby="rejected-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="rejected-heading" className="text-base font-semibold text-slate-800">{title} <span className="font-normal text-slate-500">({formatNumber(total)})</span></h2>
        <div className="flex flex-wrap items-center gap-3">
          <nav aria-label="Rows shown" className="flex rounded-md border border-slate-300 text-sm">
            {([['rejected', 'Rejected', counts.rejected, basePath], ['no_match', 'No match', counts.noMatch, `${basePath}?show=no-match`]] as const).map(([value, label, n, href]) => (
              <Link key={value} href={href} aria-current={show === value ? 'page' : undefined}
                className={`px-3 py-1.5 first:rounded-l-md last:rounded-r-md ${show === value ? 'bg-slate-800 text-white' : 'text-slate-700 hover:bg-slate-100'}`}>
                {label} ({formatNumber(n)})
              </Link>
            ))}
          </nav>
          {!noMatch && total > 0 ? <a href={`${basePath}/rejected.csv`} className={buttonClass('secondary')} download>Download CSV</a> : null}
        </div>
      </div>
      {total === 0 ? (
        <p className="text-sm text-slate-600">{noMatch ? 'Every key this run looked up found a Salesforce record.' : 'Every row this run read was written, unchanged or had no matching record.'}</p>
      ) : (
        <>
          <div className="overflow-x-auto rounded-md border border-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">{title}, page {page} of {pages}</caption>
              <thead className="bg-slate-50"><tr>
                {(noMatch ? ['Key', 'Why', 'How to fix it'] : ['Key', 'Field', 'Why', 'How to fix it']).map((h) => <th key={h} scope="col" className="px-3 py-2 text-left text-xs font-semibold text-slate-600">{h}</th>)}
              </tr></thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((r, i) => (noMatch ? (
                  <tr key={`${r.key}-${i}`}>
                    <td className="px-3 py-2 whitespace-nowrap">{r.key}</td>
                    <td className="px-3 py-2">{r.message ?? NO_MATCH_WHY}</td>
                    <td className="px-3 py-2 text-slate-700">{r.fix ?? NO_MATCH_FIX}</td>
                  </tr>
                ) : (
                  <tr key={`${r.key}-${i}`}>
                    <td className="px-3 py-2 whitespace-nowrap">{r.key}{r.recordIds.length > 0 ? <span className="block font-mono text-xs text-slate-500">{r.recordIds.join(', ')}</span> : null}</td>
                    <td className="px-3 py-2 font-mono text-xs">{r.field ?? '—'}</td>
                    <td className="px-3 py-2">{r.message}{r.errorCode ? <span className="block text-xs text-slate-500">Salesforce error code <span className="font-mono">{r.errorCode}</span></span> : null}</td>
                    <td className="px-3 py-2 text-slate-700">{r.fix}</td>
                  </tr>
                )))}
              </tbody>
            </table>
          </div>
          {pages > 1 ? (
            <nav aria-label={`${title} pages`} className="mt-3 flex items-center gap-3 text-sm">
              {page > 1 ? <Link href={query(page - 1)} className="text-brand-700 hover:underline">Previous</Link> : <span className="text-slate-400">Previous</span>}
              <span className="text-slate-600">Page {formatNumber(page)} of {formatNumber(pages)}</span>
              {page < pages ? <Link href={query(page + 1)} className="text-brand-700 hover:underline">Next</Link> : <span className="text-slate-400">Next</span>}
            </nav>
          ) : null}
        </>
      )}
    </section>
  );
}
