'use client';

import { Menu as BaseMenu } from '@base-ui/react/menu';
import type { ReactElement, ReactNode } from 'react';

const POPUP = 'z-50 min-w-44 origin-[var(--transform-origin)] rounded-md border border-slate-200 bg-white py-1 text-sm text-slate-800 shadow-lg outline-none transition-[scale,opacity] duration-100 data-starting-style:scale-95 data-starting-style:opacity-0 data-ending-style:scale-95 data-ending-style:opacity-0';
const ITEM = 'flex w-full cursor-default items-center gap-2 px-3 py-1.5 text-left outline-none select-none data-highlighted:bg-slate-100 data-disabled:text-slate-400';

/**
 * A menu button: arrow keys move between items, typing jumps to an item, Escape closes and returns focus
 * to the button. `trigger` is the button element (given its accessible name by the caller).
 */
export function Menu({ trigger, children, align = 'end', onOpenChange }: {
  trigger: ReactElement;
  children: ReactNode;
  align?: 'start' | 'center' | 'end';
  onOpenChange?: (open: boolean) => void;
}) {
  return (
    <BaseMenu.Root onOpenChange={onOpenChange ? (open) => onOpenChange(open) : undefined}>
      <BaseMenu.Trigger render={trigger} />
      <BaseMenu.Portal>
        <BaseMenu.Positioner className="z-50 outline-none" sideOffset={4} align={align}>
          <BaseMenu.Popup className={POPUP}>{children}</BaseMenu.Popup>
        </BaseMenu.Positioner>
      </BaseMenu.Portal>
    </BaseMenu.Root>
  );
}

/** One action in a menu. */
export function MenuItem({ onClick, disabled, tone, children }: { onClick?: () => void; disabled?: boolean; tone?: 'danger'; children: ReactNode }) {
  return (
    <BaseMenu.Item onClick={onClick} disabled={disabled} className={`${ITEM} ${tone === 'danger' ? 'text-red-700' : ''}`}>
      {children}
    </BaseMenu.Item>
  );
}

/** A menu entry that navigates (rendered as a link, so it opens in a new tab too). */
export function MenuLinkItem({ href, children }: { href: string; children: ReactNode }) {
  return <BaseMenu.LinkItem href={href} className={ITEM}>{children}</BaseMenu.LinkItem>;
}

/** A menu entry that submits a server-action form (sign out, say): `render` is the submit button. */
export function MenuSubmitItem({ children, formAction }: { children: ReactNode; formAction: (formData: FormData) => void | Promise<void> }) {
  return (
    <form action={formAction}>
      <BaseMenu.Item closeOnClick={false} render={<button type="submit" />} className={ITEM}>{children}</BaseMenu.Item>
    </form>
  );
}

/** A line between groups of items, and a group's heading. */
export function MenuSeparator() {
  return <BaseMenu.Separator className="my-1 h-px bg-slate-200" />;
}

export function MenuLabel({ children }: { children: ReactNode }) {
  return <div className="px-3 py-1.5 text-xs text-slate-500">{children}</div>;
}
