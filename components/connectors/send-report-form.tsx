'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useState } from 'react';
import type { ActionInput } from '@/lib/auth/action-core';
import type { ActionResult } from '@/lib/errors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, inputClass, SelectField } from '@/components/ui/field';
import { FILTER_OPERATORS } from '@/lib/connectors/row-filter';

/** A report with its columns, and an action with the tokens its payload needs. */
export interface SendReportOptions {
  reports: Array<{ id: string; name: string; columns: string[] }>;
  actions: Array<{ id: string; name: string; connectorName: string; tokens: string[] }>;
}

interface Row { column: string; field: string }

/**
 * An integration to a Qualtrics JSON event or an external action: pick the action instead of a Salesforce
 * object, map report columns to payload keys (the action's {{tokens}} when it has them), and optionally send
 * only rows matching a filter, e.g. NPS Category is Detractor.
 */
export function SendReportForm({ reports, actions, initialActionId, create }: SendReportOptions & {
  initialActionId?: string;
  /** The page's server action that creates the integration. */
  create: (prev: unknown, input: ActionInput) => Promise<ActionResult<{ id: string; name: string }>>;
}) {
  const router = useRouter();
  const [state, action, pending] = useActionState(create, null);
  const [actionId, setActionId] = useState(initialActionId ?? actions[0]?.id ?? '');
  const [reportId, setReportId] = useState(reports[0]?.id ?? '');
  const chosen = actions.find((a) => a.id === actionId);
  const report = reports.find((r) => r.id === reportId);
  const [freeRows, setFreeRows] = useState<Row[]>([{ column: '', field: '' }]);
  // For an action whose payload has {{tokens}}: the column chosen per token (a column named like the token by default).
  const [tokenColumns, setTokenColumns] = useState<Record<string, string>>({});
  const [filterOperator, setFilterOperator] = useState('eq');
  const errors = state && !state.ok ? state.fieldErrors : undefined;

  useEffect(() => { if (state?.ok) router.push('/connectors#connector-integrations'); }, [state, router]);

  const fixedKeys = Boolean(chosen && chosen.tokens.length > 0);
  const rows: Row[] = fixedKeys
    ? chosen!.tokens.map((t) => ({ field: t, column: tokenColumns[t] ?? (report?.columns.includes(t) ? t : '') }))
    : freeRows;
  const needsValue = FILTER_OPERATORS.find((o) => o.value === filterOperator)?.needsValue ?? true;
  const update = (i: number, patch: Partial<Row>) => {
    if (fixedKeys) setTokenColumns((all) => ({ ...all, [rows[i].field]: patch.column ?? rows[i].column }));
    else setFreeRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  return (
    <form action={action} className="flex flex-col gap-5" aria-label="Send a report" noValidate>
      {state && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField id="send-action" label="Send to" name="actionId" value={actionId} onChange={(e) => setActionId(e.target.value)} error={errors?.actionId}
          hint="A Qualtrics JSON event or an external action: one call per row.">
          {actions.map((a) => <option key={a.id} value={a.id}>{a.name} ({a.connectorName})</option>)}
        </SelectField>
        <SelectField id="send-report" label="Choose Insights Report" name="reportId" value={reportId} onChange={(e) => setReportId(e.target.value)} error={errors?.reportId}>
          {reports.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
        </SelectField>
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">Report columns to payload keys</legend>
        {fixedKeys ? <p className="text-xs text-slate-500">The action’s payload uses these tokens; choose the column that fills each.</p> : null}
        {rows.map((row, i) => (
          <div key={i} className="grid grid-cols-[1fr_1fr_auto] items-start gap-2">
            <select aria-label={`Report column ${i + 1}`} name="column" value={row.column} onChange={(e) => update(i, { column: e.target.value, field: fixedKeys || row.field ? row.field : e.target.value })}
              className={inputClass} aria-invalid={errors?.[`mappings.${i}.column`] ? true : undefined}>
              <option value="">Choose a column</option>
              {report?.columns.map((c) => <option key={c}>{c}</option>)}
            </select>
            <input aria-label={`Payload key ${i + 1}`} name="field" value={row.field} readOnly={fixedKeys} onChange={(e) => update(i, { field: e.target.value })}
              className={inputClass} aria-invalid={errors?.[`mappings.${i}.field`] ? true : undefined} placeholder="Payload key" />
            {!fixedKeys ? <Button type="button" variant="ghost" aria-label={`Remove row ${i + 1}`} onClick={() => setFreeRows((all) => all.filter((_, j) => j !== i))}>✕</Button> : <span />}
            {errors?.[`mappings.${i}.column`] || errors?.[`mappings.${i}.field`] ? (
              <p className="col-span-3 text-xs text-red-700">{[...(errors[`mappings.${i}.column`] ?? []), ...(errors[`mappings.${i}.field`] ?? [])].join(' ')}</p>
            ) : null}
          </div>
        ))}
        {!fixedKeys ? <div><Button type="button" variant="secondary" onClick={() => setFreeRows((all) => [...all, { column: '', field: '' }])}>ADD COLUMN</Button></div> : null}
      </fieldset>
      <fieldset className="grid gap-2 sm:grid-cols-3">
        <legend className="mb-1 text-sm font-medium text-slate-700">Send only rows where (optional)</legend>
        <select aria-label="Filter column" name="filterColumn" defaultValue="" className={inputClass}>
          <option value="">Every row</option>
          {report?.columns.map((c) => <option key={c}>{c}</option>)}
        </select>
        <select aria-label="Filter operator" name="filterOperator" value={filterOperator} onChange={(e) => setFilterOperator(e.target.value)} className={inputClass}>
          {FILTER_OPERATORS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
        {needsValue ? <input aria-label="Filter value" name="filterValue" className={inputClass} placeholder="e.g. Detractor" /> : <span />}
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="sendUnchanged" value="true" /> Send every matching row on every run (otherwise only rows whose values changed)
      </label>
      <Field id="send-name" label="Integration name" name="name" defaultValue={report && chosen ? `${report.name} to ${chosen.name}` : ''} key={`${reportId}-${actionId}`} error={errors?.name} />
      <div><Button type="submit" disabled={pending || !chosen}>SAVE</Button></div>
    </form>
  );
}
