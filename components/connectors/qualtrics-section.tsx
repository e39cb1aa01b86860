import { Alert } from '@/components/ui/alert';
import type { ActionForDisplay } from '@/lib/dal/connector-actions';
import type { ConnectorForDisplay } from '@/lib/dal/connectors';
import { AuthHeaderCopy, DemoQualtricsButton, QualtricsConnectionForm, QualtricsEventForm } from './qualtrics-forms';
import { DeleteActionButton } from './action-form';

/** Qualtrics: the connection (username + API token → the Basic header) and the workflows' JSON events. */
export function QualtricsSection({ connection, events, isAdmin, demo }: {
  connection: ConnectorForDisplay | null;
  events: ActionForDisplay[];
  isAdmin: boolean;
  demo: { qualtricsEventUrl: string; qualtricsUsername: string } | null;
}) {
  return (
    <section aria-labelledby="qualtrics-heading" className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5">
      <div>
        <h2 id="qualtrics-heading" className="text-lg font-semibold">Qualtrics</h2>
        <p className="mt-1 text-sm text-slate-600">
          Report rows go to the JSON events of your Qualtrics workflows, one call per row, signed with your Qualtrics username and API token.
        </p>
      </div>
      {demo && isAdmin && !connection ? (
        <Alert tone="info">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <span>A demo Qualtrics is running with this server ({demo.qualtricsUsername}). Use it to try JSON events without a Qualtrics account.</span>
            <DemoQualtricsButton />
          </div>
        </Alert>
      ) : null}
      {connection?.maskedHeader ? (isAdmin ? <AuthHeaderCopy masked={connection.maskedHeader} /> : (
        <p className="text-sm text-slate-700">Authentication header <code className="rounded bg-slate-100 px-2 py-1 font-mono">{connection.maskedHeader}</code></p>
      )) : null}
      {isAdmin ? (
        <QualtricsConnectionForm username={connection?.authUsername ?? null} hasToken={connection?.hasSecret ?? false} tokenHint={connection?.secretHint ?? null} />
      ) : !connection ? <p className="text-sm text-slate-600">Qualtrics is not connected yet. An admin can connect it here.</p>
        : <p className="text-sm text-slate-700">Connected as {connection.authUsername}.</p>}
      {connection ? (
        <div className="flex flex-col gap-3">
          <h3 className="text-base font-semibold">JSON events</h3>
          {events.length === 0 ? <p className="text-sm text-slate-600">No JSON events yet. Paste the URL of a workflow’s JSON event below.</p> : (
            <ul className="flex flex-col gap-2">
              {events.map((e) => (
                <li key={e.id} className="rounded-md border border-slate-200 p-3">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div className="min-w-0">
                      <p className="font-medium">{e.name}</p>
                      <p className="break-all font-mono text-xs text-slate-600">{e.url}</p>
                      <p className="mt-1 text-xs text-slate-500">Payload {e.tokens.length ? `with ${e.tokens.map((t) => `{{${t}}}`).join(', ')}` : '{ } (trigger only, or keys mapped in the integration)'}</p>
                    </div>
                    {isAdmin ? <DeleteActionButton id={e.id} name={e.name} /> : null}
                  </div>
                  {isAdmin ? (
                    <details className="mt-2">
                      <summary className="cursor-pointer text-sm text-brand-700">Edit or test</summary>
                      <div className="mt-3"><QualtricsEventForm event={e} /></div>
                    </details>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {isAdmin ? (
            <details className="rounded-md border border-dashed border-slate-300 p-3" open={events.length === 0}>
              <summary className="cursor-pointer text-sm font-medium text-brand-700">Add JSON event</summary>
              <div className="mt-3"><QualtricsEventForm /></div>
            </details>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
