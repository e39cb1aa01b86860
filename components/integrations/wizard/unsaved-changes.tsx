'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';

/**
 * Asks before leaving with unsaved changes: the browser's own prompt on reload or close, and our dialog for
 * links inside the app (the App Router has no navigation guard, so link clicks are caught here).
 */
export function UnsavedChangesGuard({ dirty }: { dirty: boolean }) {
  const router = useRouter();
  const [leaveTo, setLeaveTo] = useState<string | null>(null);
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => { event.preventDefault(); };
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element | null)?.closest?.('a[href]');
      if (!(link instanceof HTMLAnchorElement) || link.target === '_blank' || link.origin !== window.location.origin) return;
      if (link.pathname === window.location.pathname) return;
      event.preventDefault();
      event.stopPropagation();
      setLeaveTo(link.pathname + link.search);
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty]);
  return (
    <ConfirmDialog open={leaveTo !== null} onOpenChange={(open) => { if (!open) setLeaveTo(null); }}
      title="Leave without saving?" confirmLabel="Leave without saving"
      description="The changes you made to this integration are not saved yet. Stay to SAVE them, or leave and lose them."
      onConfirm={() => { const to = leaveTo; setLeaveTo(null); if (to) router.push(to); }} />
  );
}
