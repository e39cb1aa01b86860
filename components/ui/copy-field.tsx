'use client';

import { useState } from 'react';
import { Button } from './button';

/** A value shown once (a new API key, an invitation link) in a read-only field with a Copy button. */
export function CopyField({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const [copied, setCopied] = useState<'yes' | 'refused' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('refused');
    }
  };
  return (
    <div className="flex flex-col gap-1">
      <span className="text-xs font-medium text-slate-700">{label}</span>
      <div className="flex items-center gap-2">
        <input readOnly value={value} aria-label={label} data-testid={testId} onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-2 py-1.5 font-mono text-xs text-slate-900" />
        <Button type="button" variant="secondary" onClick={() => void copy()} aria-label={`Copy ${label.toLowerCase()}`}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p aria-live="polite" className="text-xs text-slate-500">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'refused' ? 'Your browser refused the clipboard: select the text and copy it.' : null}
      </p>
    </div>
  );
}
