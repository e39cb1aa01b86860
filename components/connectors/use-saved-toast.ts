'use client';

import { useEffect } from 'react';
import { useToast } from '@/components/ui/toast';

/** Saving closes the form's section (the list shows the new item), so the confirmation is a toast. */
export function useSavedToast(state: { ok: boolean; message?: string } | null) {
  const toast = useToast();
  useEffect(() => {
    if (state?.ok && state.message) toast.success(state.message);
    // toast is a new object every render; the message is shown once per answer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
}
