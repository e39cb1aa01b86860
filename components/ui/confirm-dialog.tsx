'use client';

import { AlertDialog } from '@base-ui/react/alert-dialog';
import { useState, type ReactElement, type ReactNode } from 'react';
import { Button } from './button';

const BACKDROP = 'fixed inset-0 z-40 bg-slate-900/30 transition-opacity duration-150 data-starting-style:opacity-0 data-ending-style:opacity-0';
const POPUP = 'fixed top-1/2 left-1/2 z-50 flex w-[28rem] max-w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-xl outline-none transition-[scale,opacity] duration-100 data-starting-style:scale-[0.98] data-starting-style:opacity-0 data-ending-style:scale-[0.98] data-ending-style:opacity-0';

/**
 * Asks before something that cannot be undone. Focus starts on "Cancel", so Enter never deletes by
 * accident; `onConfirm` may be async and the dialog stays open (buttons disabled) until it settles.
 */
export function ConfirmDialog({ title, description, confirmLabel, onConfirm, trigger, open, onOpenChange, tone = 'danger' }: {
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => void | Promise<unknown>;
  trigger?: ReactElement;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  tone?: 'danger' | 'primary';
}) {
  const [innerOpen, setInnerOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const isOpen = open ?? innerOpen;
  const setOpen = (next: boolean) => { setInnerOpen(next); onOpenChange?.(next); };
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
      setOpen(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AlertDialog.Root open={isOpen} onOpenChange={(next) => { if (!busy) setOpen(next); }}>
      {trigger ? <AlertDialog.Trigger render={trigger} /> : null}
      <AlertDialog.Portal>
        <AlertDialog.Backdrop className={BACKDROP} />
        <AlertDialog.Popup className={POPUP}>
          <AlertDialog.Title className="text-lg font-semibold text-slate-900">{title}</AlertDialog.Title>
          <AlertDialog.Description render={<div />} className="text-sm text-slate-600">{description}</AlertDialog.Description>
          <div className="flex justify-end gap-2">
            <AlertDialog.Close render={<Button variant="secondary" disabled={busy} />}>Cancel</AlertDialog.Close>
            <Button variant={tone} disabled={busy} onClick={() => void confirm()}>{busy ? 'Working…' : confirmLabel}</Button>
          </div>
        </AlertDialog.Popup>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
