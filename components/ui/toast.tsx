'use client';

import { Toast } from '@base-ui/react/toast';
import { usePathname } from 'next/navigation';
import { useEffect, useEffectEvent, type ReactNode } from 'react';
import { XIcon } from './dialog';

const TONES = { success: 'border-green-200', error: 'border-red-300', info: 'border-slate-200' } as const;
type Tone = keyof typeof TONES;

/** A confirmation stays this long (hovering or focusing it stops the clock); an error stays until it is closed. */
const CONFIRMATION_MS = 5000;

/** The page a toast is about: a confirmation goes away when the person moves to another page. */
interface ToastData { page: string }

/** Mounted once in the app layout: toasts are announced politely (errors urgently) and stack at the bottom right. */
export function ToastProvider({ children }: { children: ReactNode }) {
  return (
    <Toast.Provider timeout={CONFIRMATION_MS}>
      {children}
      <Toast.Portal>
        <Toast.Viewport className="fixed right-4 bottom-4 z-[60] flex w-[22rem] max-w-[calc(100vw-2rem)] flex-col gap-2">
          <ToastList />
        </Toast.Viewport>
      </Toast.Portal>
    </Toast.Provider>
  );
}

function ToastList() {
  const { toasts, close } = Toast.useToastManager<ToastData>();
  const pathname = usePathname();
  // On another page a confirmation would only cover what the person came to see; an error stays to be read.
  const dismissElsewhere = useEffectEvent((page: string) => {
    for (const toast of toasts) {
      if (toast.type !== 'error' && toast.data?.page !== page && toast.transitionStatus !== 'ending') close(toast.id);
    }
  });
  useEffect(() => dismissElsewhere(pathname), [pathname]);
  return toasts.map((toast) => (
    <Toast.Root key={toast.id} toast={toast}
      className={`rounded-md border-l-4 border bg-white shadow-lg transition-[opacity,transform] duration-200 data-starting-style:translate-y-2 data-starting-style:opacity-0 data-ending-style:opacity-0 ${TONES[(toast.type as Tone) ?? 'info'] ?? TONES.info}`}>
      <Toast.Content className="flex items-start gap-3 p-3">
        <div className="flex min-w-0 flex-1 flex-col gap-0.5">
          <Toast.Title className="text-sm font-semibold text-slate-900" />
          <Toast.Description className="text-sm text-slate-600" />
        </div>
        <Toast.Close aria-label="Dismiss" className="rounded p-1 text-slate-500 hover:bg-slate-100"><XIcon /></Toast.Close>
      </Toast.Content>
    </Toast.Root>
  ));
}

/** Where a toast belongs when the action that shows it also moves to another page (`{ page: '/integrations' }`). */
export interface ToastOptions { page?: string }

/**
 * Shows a short confirmation or an error after an action: `toast.success('Connector saved.')`. A confirmation
 * times out after a few seconds and is dismissed when the person moves to another page; an error stays, on
 * any page, until its X closes it.
 */
export function useToast() {
  const manager = Toast.useToastManager<ToastData>();
  const pathname = usePathname();
  const add = (type: Tone, title: string, description?: string, options?: ToastOptions) =>
    manager.add({
      type, title, description, data: { page: options?.page ?? pathname },
      priority: type === 'error' ? 'high' : 'low', timeout: type === 'error' ? 0 : CONFIRMATION_MS,
    });
  return {
    success: (title: string, description?: string, options?: ToastOptions) => add('success', title, description, options),
    error: (title: string, description?: string, options?: ToastOptions) => add('error', title, description, options),
    info: (title: string, description?: string, options?: ToastOptions) => add('info', title, description, options),
  };
}
