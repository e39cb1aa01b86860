'use client';

import Link from 'next/link';
import { useId, useState } from 'react';

/** Longer than this, two lines may not hold the message, so it can be shown whole. */
const LONG_MESSAGE = 90;

/**
 * Why the last run failed, under its status in the grid: two lines, the whole text on hover, "Show all" to
 * read it in place, and a link to the run's log (steps, counts, rows) where it is said in full.
 */
export function FailedRunMessage({ message, logHref, name }: { message: string; logHref: string; name: string }) {
  const [open, setOpen] = useState(false);
  const textId = useId();
  const long = message.length > LONG_MESSAGE;
  return (
    <div className="flex max-w-[18rem] flex-col items-start gap-0.5 text-xs">
      <p id={textId} className={`whitespace-normal break-words text-red-700 ${open ? '' : 'line-clamp-2'}`} title={open ? undefined : message}>{message}</p>
      <div className="flex gap-3">
        {long ? (
          <button type="button" aria-expanded={open} aria-controls={textId} onClick={() => setOpen(!open)} className="text-slate-600 underline hover:text-slate-900">
            {open ? 'Show less' : 'Show all'}
          </button>
        ) : null}
        <Link href={logHref} className="text-blue-700 underline hover:text-blue-900" aria-label={`Open the run log of ${name}`}>Open the run log</Link>
      </div>
    </div>
  );
}
