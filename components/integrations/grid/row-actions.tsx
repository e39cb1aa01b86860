'use client';

import Link from 'next/link';
import { useRef, useState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Menu, MenuItem, MenuSeparator } from '@/components/ui/menu';
import { useToast } from '@/components/ui/toast';
import { Tooltip } from '@/components/ui/tooltip';
import { formatRelative, formatUtc } from '@/lib/format';
import { LogOverlay } from './log-overlay';
import type { GridActions, IntegrationGridRow } from './types';

/** "; next run in 16 h (2026-12-03 08:00 UTC)", the grid's relative time with the exact one the product shows. */
function nextRunWords(at: Date | null): string {
  return at ? `; next run ${formatRelative(at)} (${formatUtc(at)} UTC)` : '';
}

const ICON_BUTTON = 'inline-flex h-8 w-8 items-center justify-center rounded-md text-slate-600 hover:bg-slate-200 hover:text-slate-900 data-popup-open:bg-slate-200';

/**
 * The pencil (Edit) and the three dots of a row: "Run Now", "Log", pause or resume, and delete (admins only,
 * confirmed). Shown on hover and on keyboard focus; always in the tab order.
 */
export function RowActions({ row, isAdmin, actions, onChanged }: { row: IntegrationGridRow; isAdmin: boolean; actions: GridActions; onChanged: () => void }) {
  const toast = useToast();
  const [logOpen, setLogOpen] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const runNow = async () => {
    if (row.activeRun) {
      toast.info('Already running.', `${row.name} is already running; wait for this run to finish. Its progress shows in the row.`);
      return;
    }
    const result = await actions.runNow(row.id);
    if (result.ok) toast.success('Run started.', `${row.name} is running; its progress shows in the row and the Log lists the run.`);
    else toast.error('The run did not start.', result.message);
    onChanged();
  };
  const toggle = async () => {
    const result = await actions.setEnabled(row.id, !row.enabled);
    if (!result.ok) toast.error('The schedule was not changed.', result.message);
    else if (!result.data.enabled) toast.success('Integration paused.', `${row.name} will not run on its schedule until you resume it; Run Now still works.`);
    else toast.success('Integration resumed.', `${row.name} runs again on its schedule${nextRunWords(result.data.nextRunAt)}.`);
    onChanged();
  };
  const remove = async () => {
    const result = await actions.remove(row.id);
    if (result.ok) toast.success('Integration deleted.', `${row.name} will not run again.`);
    else toast.error('The integration was not deleted.', result.message);
    onChanged();
  };
  return (
    <div className="flex justify-end gap-1 opacity-0 transition-opacity group-hover:opacity-100 group-focus-within:opacity-100 has-data-popup-open:opacity-100">
      <Tooltip content="Edit">
        <Link href={`/integrations/${row.id}/edit`} aria-label={`Edit ${row.name}`} className={ICON_BUTTON}>
          <svg viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true" className="h-4 w-4"><path d="M11.5 2.5l2 2L6 12H4v-2l7.5-7.5z" /></svg>
        </Link>
      </Tooltip>
      <Menu trigger={
        <button ref={menuButton} type="button" aria-label={`More actions for ${row.name}`} className={ICON_BUTTON}>
          <svg viewBox="0 0 16 16" fill="currentColor" aria-hidden="true" className="h-4 w-4"><circle cx="3" cy="8" r="1.5" /><circle cx="8" cy="8" r="1.5" /><circle cx="13" cy="8" r="1.5" /></svg>
        </button>
      }>
        <MenuItem onClick={() => void runNow()}>Run Now</MenuItem>
        <MenuItem onClick={() => setLogOpen(true)}>Log</MenuItem>
        <MenuItem onClick={() => void toggle()}>{row.enabled ? 'Pause schedule' : 'Resume schedule'}</MenuItem>
        {isAdmin ? (
          <>
            <MenuSeparator />
            <MenuItem tone="danger" onClick={() => setConfirmDelete(true)}>Delete</MenuItem>
          </>
        ) : null}
      </Menu>
      <LogOverlay row={row} open={logOpen} onOpenChange={setLogOpen} runs={actions.runs} finalFocus={menuButton} />
      {isAdmin ? (
        <ConfirmDialog open={confirmDelete} onOpenChange={setConfirmDelete} title={`Delete ${row.name}?`} confirmLabel="Delete integration"
          description={`Its schedule stops and its run history is removed. ${row.destinationLabel ? 'Calls already made are not undone.' : 'Salesforce records keep the values already pushed.'} This cannot be undone.`}
          onConfirm={remove} />
      ) : null}
    </div>
  );
}
