'use client';

import { Toast } from '@base-ui/react/toast';
import type { ReactNode } from 'react';
import { XIcon } from './dialog';

const TONES = { success: 'border-green-200', error: 'border-red-300', info: 'border-slate-200' } as const;

/** Mounted once in the app layout: toasts are announced politely and stack at the bottom right. */
export function ToastProvider({ children }: { children: ReactNode }) {
  return (
    <Toast.Provider timeout={6000}>
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
  const { toasts } = Toast.useToastManager();
  return toasts.map((toast) => (
    <Toast.Root key={toast.id} toast={toast}
      className={`rounded-md border-l-4 border bg-white shadow-lg transition-[opacity,transform] duration-200 data-starting-style:translate-y-2 data-starting-style:opacity-0 data-ending-style:opacity-0 ${TONES[(toast.type as keyof typeof TONES) ?? 'info'] ?? TONES.info}`}>
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

/** Shows a short confirmation or error after an action: `toast.success('Integration saved.')`. */
export function useToast() {
  const manager = Toast.useToastManager();
  const add = (type: keyof typeof TONES, title: string, description?: string) =>
    manager.add({ type, title, description, priority: type === 'error' ? 'high' : 'low' });
  return {
    success: (title: string, description?: string) => add('success', title, description),
    error: (title: string, description?: string) => add('error', title, description),
    info: (title: string, description?: string) => add('info', title, description),
  };
}
