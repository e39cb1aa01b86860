'use client';

import { Dialog as BaseDialog } from '@base-ui/react/dialog';
import type { ReactElement, ReactNode } from 'react';

const BACKDROP = 'fixed inset-0 z-40 bg-slate-900/30 transition-opacity duration-150 data-starting-style:opacity-0 data-ending-style:opacity-0';
const POPUP = 'fixed top-1/2 left-1/2 z-50 flex max-h-[calc(100dvh-4rem)] -translate-x-1/2 -translate-y-1/2 flex-col gap-4 overflow-y-auto rounded-lg border border-slate-200 bg-white p-5 text-slate-900 shadow-xl outline-none transition-[scale,opacity] duration-100 data-starting-style:scale-[0.98] data-starting-style:opacity-0 data-ending-style:scale-[0.98] data-ending-style:opacity-0';
const WIDTHS = { sm: 'w-[28rem] max-w-[calc(100vw-2rem)]', md: 'w-[40rem] max-w-[calc(100vw-2rem)]', lg: 'w-[56rem] max-w-[calc(100vw-2rem)]' } as const;

/**
 * A modal dialog: focus moves inside and stays there until it closes, then returns to what opened it;
 * Escape and the X close it. Pass `trigger` for a self-contained dialog, or `open`/`onOpenChange` to
 * open it from elsewhere (a menu item, say).
 */
export function Dialog({ title, description, trigger, open, onOpenChange, size = 'md', children, finalFocus }: {
  title: ReactNode;
  description?: ReactNode;
  trigger?: ReactElement;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  size?: keyof typeof WIDTHS;
  children: ReactNode;
  /** Where focus goes on close when the opener is gone (e.g. a menu item). */
  finalFocus?: React.RefObject<HTMLElement | null>;
}) {
  return (
    <BaseDialog.Root open={open} onOpenChange={onOpenChange ? (next) => onOpenChange(next) : undefined}>
      {trigger ? <BaseDialog.Trigger render={trigger} /> : null}
      <BaseDialog.Portal>
        <BaseDialog.Backdrop className={BACKDROP} />
        <BaseDialog.Popup className={`${POPUP} ${WIDTHS[size]}`} finalFocus={finalFocus}>
          <div className="flex items-start justify-between gap-4">
            <div className="flex flex-col gap-1">
              <BaseDialog.Title className="text-lg font-semibold text-slate-900">{title}</BaseDialog.Title>
              {description ? <BaseDialog.Description className="text-sm text-slate-600">{description}</BaseDialog.Description> : null}
            </div>
            <BaseDialog.Close aria-label="Close" className="rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800">
              <XIcon />
            </BaseDialog.Close>
          </div>
          {children}
        </BaseDialog.Popup>
      </BaseDialog.Portal>
    </BaseDialog.Root>
  );
}

/** A button inside a dialog that closes it. */
export function DialogClose({ render }: { render: ReactElement }) {
  return <BaseDialog.Close render={render} />;
}

/** The X used by dialogs and removable rows. */
export function XIcon({ className = 'h-4 w-4' }: { className?: string }) {
  return (
    <svg viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" aria-hidden="true" className={className}>
      <path d="m4 4 8 8m-8 0 8-8" />
    </svg>
  );
}
