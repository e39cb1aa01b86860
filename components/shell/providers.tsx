'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ToastProvider } from '@/components/ui/toast';
import { TooltipProvider } from '@/components/ui/tooltip';
// Forms checked in the browser (react-hook-form with zod) use the same wording as the server actions.
import '@/lib/zod-messages';

/** What every signed-in page shares on the client: the query cache (run polling), toasts and tooltips. */
export function AppProviders({ children }: { children: ReactNode }) {
  // One client per browser tab, made on first render, not per request on the server.
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }));
  return (
    <QueryClientProvider client={queryClient}>
      <TooltipProvider>
        <ToastProvider>{children}</ToastProvider>
      </TooltipProvider>
    </QueryClientProvider>
  );
}
