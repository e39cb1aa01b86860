'use client';

import { useState } from 'react';
import type { TestResult } from '@/lib/dal/connector-actions';

/**
 * The last Test's answer to show, until the form is saved: a new form is reset then, so the answer no
 * longer describes what is on it (state adjusted while rendering, as React advises for a changed input).
 * `savedNow` is true in the render that first sees the save.
 */
export function useTestUntilSaved<T>(saved: { ok: boolean } | null, tested: T | null): { shown: T | null; savedNow: boolean } {
  const [seenSave, setSeenSave] = useState(saved);
  const [hidden, setHidden] = useState<T | null>(null);
  const savedNow = saved !== seenSave && Boolean(saved?.ok);
  if (saved !== seenSave) {
    setSeenSave(saved);
    if (saved?.ok) setHidden(tested);
  }
  const hide = savedNow ? tested : hidden;
  return { shown: tested !== null && tested !== hide ? tested : null, savedNow };
}

/** What a "Test" call answered: status code, eventId and requestId, and the body. */
export function TestResultPanel({ result }: { result: TestResult }) {
  return (
    <div role="status" aria-label="Test result" className={`rounded-md border p-3 text-sm ${result.ok ? 'border-green-200 bg-green-50' : 'border-red-200 bg-red-50'}`}>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="font-medium text-slate-700">Status code</dt>
        <dd data-testid="test-status">{result.status}{result.ok ? ' (accepted)' : ' (refused)'}</dd>
        <dt className="font-medium text-slate-700">eventId</dt>
        <dd data-testid="test-event-id"><code>{result.eventId ?? '—'}</code></dd>
        <dt className="font-medium text-slate-700">requestId</dt>
        <dd data-testid="test-request-id"><code>{result.requestId ?? '—'}</code></dd>
      </dl>
      <p className="mt-2 font-medium text-slate-700">Sent</p>
      <pre className="mt-1 max-h-40 overflow-auto rounded bg-white p-2 text-xs">{JSON.stringify(result.payload, null, 2)}</pre>
      <p className="mt-2 font-medium text-slate-700">Answer body</p>
      <pre data-testid="test-body" className="mt-1 max-h-40 overflow-auto rounded bg-white p-2 text-xs whitespace-pre-wrap break-all">{result.body || '(empty)'}</pre>
    </div>
  );
}
