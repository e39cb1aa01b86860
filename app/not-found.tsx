import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';

/** Any address without a page, and anything a page reports as not found (another workspace's report). */
export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md text-center">
        <p className="mb-6 text-sm font-semibold uppercase tracking-widest text-brand-700">Data Integration Center</p>
        <div className="rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
          <p className="text-sm font-medium text-slate-500">Error 404</p>
          <h1 className="mt-1 text-xl font-semibold text-slate-900">This page does not exist</h1>
          <p className="mt-2 text-sm text-slate-600">The address may be mistyped, or what it pointed to was deleted or belongs to another workspace.</p>
          <div className="mt-6 flex justify-center gap-2">
            <Link href="/integrations" className={buttonClass('primary')}>Go to Integrations</Link>
            <Link href="/reports" className={buttonClass('secondary')}>Reports</Link>
          </div>
        </div>
      </div>
    </main>
  );
}
