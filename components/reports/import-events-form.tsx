'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

interface ImportSummary {
  accepted: number;
  duplicates: number;
  rejected: Array<{ line: number; message: string }>;
  rejectedTotal: number;
}

type State = { status: 'idle' } | { status: 'uploading' } | { status: 'done'; summary: ImportSummary; fileName: string } | { status: 'failed'; message: string };

/**
 * Sends the chosen file as the raw request body, so the server streams it into the importer instead of
 * parsing a multipart form, and shows what the import did.
 */
export function ImportEventsForm() {
  const [state, setState] = useState<State>({ status: 'idle' });
  const [missingFile, setMissingFile] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = (event.currentTarget.elements.namedItem('file') as HTMLInputElement).files?.[0];
    setMissingFile(!file);
    if (!file) return;
    setState({ status: 'uploading' });
    try {
      const response = await fetch('/api/events/import', {
        method: 'POST', body: file,
        headers: { 'content-type': 'text/csv', 'x-file-name': encodeURIComponent(file.name) },
      });
      const body = await response.json().catch(() => null) as (ImportSummary & { error?: string }) | null;
      if (!response.ok || !body) setState({ status: 'failed', message: body?.error ?? `The import failed (HTTP ${response.status}). Try again.` });
      else setState({ status: 'done', summary: body, fileName: file.name });
    } catch {
      setState({ status: 'failed', message: 'The upload did not reach the server. Check your connection and try again.' });
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={onSubmit} aria-label="Import events" noValidate className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="import-file" className="text-sm font-medium text-slate-700">CSV file</label>
          <input id="import-file" name="file" type="file" accept=".csv,text/csv"
            className="text-sm text-slate-700 file:mr-3 file:cursor-pointer file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-100"
            aria-invalid={missingFile ? true : undefined} aria-describedby={missingFile ? 'import-file-error' : undefined} />
          {missingFile ? <p id="import-file-error" className="text-xs text-red-700">Choose a CSV file first.</p> : null}
        </div>
        <Button type="submit" disabled={state.status === 'uploading'}>{state.status === 'uploading' ? 'Importing…' : 'Import'}</Button>
      </form>
      {state.status === 'failed' ? <Alert tone="error">{state.message}</Alert> : null}
      {state.status === 'done' ? <ImportResult summary={state.summary} fileName={state.fileName} /> : null}
    </div>
  );
}

function ImportResult({ summary, fileName }: { summary: ImportSummary; fileName: string }) {
  const hidden = summary.rejectedTotal - summary.rejected.length;
  return (
    <section aria-label="Import result" className="flex flex-col gap-3">
      <Alert tone={summary.rejectedTotal > 0 ? 'info' : 'success'}>
        Imported {fileName}: <strong data-testid="import-accepted">{summary.accepted}</strong> accepted,{' '}
        <strong data-testid="import-duplicates">{summary.duplicates}</strong> {summary.duplicates === 1 ? 'duplicate' : 'duplicates'},{' '}
        <strong data-testid="import-rejected">{summary.rejectedTotal}</strong> rejected.
      </Alert>
      {summary.rejected.length > 0 ? (
        <div className="flex flex-col gap-1">
          <h3 id="rejected-lines" className="text-sm font-medium text-slate-800">Rejected lines (not imported)</h3>
          <ul aria-labelledby="rejected-lines" className="flex flex-col divide-y divide-slate-100 rounded-md border border-slate-200 text-sm text-slate-800">
            {summary.rejected.map((r) => <li key={`${r.line}-${r.message}`} className="px-3 py-2">{r.message}</li>)}
          </ul>
        </div>
      ) : null}
      {hidden > 0 ? <p className="text-sm text-slate-600">And {hidden.toLocaleString('en-US')} more rejected {hidden === 1 ? 'line' : 'lines'} not listed.</p> : null}
    </section>
  );
}
