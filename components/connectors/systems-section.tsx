'use client';

import { useRef, useState } from 'react';
import type { ActionForDisplay } from '@/lib/dal/connector-actions';
import type { ConnectorForDisplay } from '@/lib/dal/connectors';
import { ActionForm, DeleteActionButton } from './action-form';
import { ConnectorForm, DeleteConnectorButton } from './connector-forms';

const AUTH_LABEL = { basic: 'Basic', header: 'Header token', none: 'No authentication' } as const;

/**
 * Gainsight-style connectors to any HTTP system, each with its external actions. One connector per system:
 * "Add an action" on a connector, or the same-host notice of the connector form, leads to the action form with
 * that connector chosen.
 */
export function SystemsSection({ connectors, actions, isAdmin }: { connectors: ConnectorForDisplay[]; actions: ActionForDisplay[]; isAdmin: boolean }) {
  const [actionConnector, setActionConnector] = useState<string | undefined>(undefined);
  const [formKey, setFormKey] = useState(0);
  const actionForm = useRef<HTMLDetailsElement>(null);
  const chooseConnector = (id: string) => {
    setActionConnector(id);
    setFormKey((k) => k + 1);
    if (actionForm.current) {
      actionForm.current.open = true;
      actionForm.current.scrollIntoView({ behavior: 'smooth', block: 'start' });
    }
  };
  const others = connectors.map((c) => ({ id: c.id, name: c.name, host: c.host }));
  return (
    <section aria-labelledby="systems-heading" className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5">
      <div>
        <h2 id="systems-heading" className="text-lg font-semibold">Gainsight and other systems</h2>
        <p className="mt-1 text-sm text-slate-600">
          A connector holds one system’s base URL and credentials; each external action is a call through it. You only need one
          connector per system: add every action for it to the same connector.
        </p>
      </div>
      {connectors.length === 0 ? <p className="text-sm text-slate-600">No connectors yet.{isAdmin ? ' Add one below.' : ''}</p> : (
        <ul className="flex flex-col gap-3">
          {connectors.map((c) => {
            const own = actions.filter((a) => a.connectorId === c.id);
            return (
              <li key={c.id} className="rounded-md border border-slate-200 p-3" aria-label={`Connector ${c.name}`}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div>
                    <p className="font-medium">{c.name}</p>
                    <p className="font-mono text-xs text-slate-600">{c.baseUrl}</p>
                    <p className="mt-1 text-xs text-slate-500">
                      {AUTH_LABEL[c.authType]}{c.authType === 'header' ? ` (${c.authHeaderName})` : c.authType === 'basic' ? ` (${c.authUsername})` : ''}
                      {c.hasSecret ? ` · secret ending in ${c.secretHint}` : ''} · at most {c.callsPerMinute} calls a minute
                    </p>
                  </div>
                  {isAdmin ? (
                    <div className="flex gap-2">
                      <button type="button" className="rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-100" onClick={() => chooseConnector(c.id)}>Add an action</button>
                      <DeleteConnectorButton id={c.id} name={c.name} actions={own.length} />
                    </div>
                  ) : null}
                </div>
                {own.length > 0 ? (
                  <ul className="mt-3 flex flex-col gap-2 border-t border-slate-100 pt-3">
                    {own.map((a) => (
                      <li key={a.id} className="flex flex-col gap-1">
                        <div className="flex flex-wrap items-center justify-between gap-2">
                          <span className="text-sm"><span className="font-medium">{a.name}</span> <code className="text-xs text-slate-600">{a.method} {a.url}</code></span>
                          {isAdmin ? <DeleteActionButton id={a.id} name={a.name} /> : null}
                        </div>
                        {isAdmin ? (
                          <details>
                            <summary className="cursor-pointer text-xs text-brand-700">Edit or test</summary>
                            <div className="mt-2"><ActionForm action={a} connectors={connectors} /></div>
                          </details>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : <p className="mt-2 text-xs text-slate-500">No actions yet.</p>}
                {isAdmin ? (
                  <details className="mt-2">
                    <summary className="cursor-pointer text-xs text-brand-700">Edit connector</summary>
                    <div className="mt-2"><ConnectorForm connector={{ ...c, baseUrl: c.baseUrl }} others={others} /></div>
                  </details>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {isAdmin ? (
        <div className="flex flex-col gap-3">
          <details className="rounded-md border border-dashed border-slate-300 p-3" open={connectors.length === 0}>
            <summary className="cursor-pointer text-sm font-medium text-brand-700">Add connector</summary>
            <div className="mt-3"><ConnectorForm others={others} onUseExisting={chooseConnector} /></div>
          </details>
          {connectors.length > 0 ? (
            <details ref={actionForm} className="rounded-md border border-dashed border-slate-300 p-3">
              <summary className="cursor-pointer text-sm font-medium text-brand-700">Add external action</summary>
              <div className="mt-3"><ActionForm key={formKey} connectors={connectors} connectorId={actionConnector} /></div>
            </details>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
