import Link from 'next/link';
import type { InboundTriggerForDisplay } from '@/lib/dal/inbound-triggers';
import { formatUtc } from '@/lib/format';
import { CreateTriggerForm, DeleteTriggerButton, RotateTriggerButton } from './trigger-forms';

/** The JSON captured from the most recent call, with the declared fields it carried and those it lacked. */
function CapturedJson({ trigger }: { trigger: InboundTriggerForDisplay }) {
  if (trigger.lastCaptureAt === null) return <p className="text-sm text-slate-600">No call yet. The JSON of the latest accepted call appears here.</p>;
  const missing = trigger.fields.filter((f) => !trigger.carried.includes(f));
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm text-slate-700">
        JSON captured from the most recent call, {formatUtc(trigger.lastCaptureAt)} UTC (event id <code>{trigger.lastEventId}</code>
        {trigger.lastRunId && trigger.integrationId ? <>, started <Link className="text-brand-700 underline" href={`/integrations/${trigger.integrationId}/runs/${trigger.lastRunId}`}>a run</Link></> : null}); {trigger.callCount} call{trigger.callCount === 1 ? '' : 's'} in all.
      </p>
      {trigger.fields.length > 0 ? (
        <ul className="flex flex-wrap gap-2 text-xs" aria-label="Declared fields">
          {trigger.fields.map((f) => (
            <li key={f} className={`rounded px-2 py-0.5 ${trigger.carried.includes(f) ? 'bg-green-100 text-green-800' : 'bg-amber-100 text-amber-800'}`}>
              {f}: {trigger.carried.includes(f) ? 'carried' : 'missing'}
            </li>
          ))}
        </ul>
      ) : null}
      {missing.length > 0 ? <p className="text-xs text-amber-800">The last call lacked {missing.join(', ')}. Check the external action’s payload in Gainsight.</p> : null}
      <pre data-testid="captured-json" className="max-h-60 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(trigger.lastCapture, null, 2)}</pre>
    </div>
  );
}

/** Inbound JSON-event triggers: our endpoints that Gainsight's "Call External API" calls. */
export function TriggersSection({ triggers, integrations, isAdmin, appUrl }: {
  triggers: InboundTriggerForDisplay[];
  integrations: Array<{ id: string; name: string }>;
  isAdmin: boolean;
  appUrl: string;
}) {
  const integrationName = new Map(integrations.map((i) => [i.id, i.name]));
  return (
    <section aria-labelledby="triggers-heading" className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5">
      <div>
        <h2 id="triggers-heading" className="text-lg font-semibold">Inbound JSON-event triggers</h2>
        <p className="mt-1 text-sm text-slate-600">
          Addresses that Gainsight (or any system) calls with JSON, signed with the trigger’s username and password. Each call runs an
          integration or records an Insights event.
        </p>
      </div>
      {triggers.length === 0 ? <p className="text-sm text-slate-600">No triggers yet.</p> : (
        <ul className="flex flex-col gap-3">
          {triggers.map((t) => (
            <li key={t.id} className="flex flex-col gap-3 rounded-md border border-slate-200 p-3" aria-label={`Trigger ${t.name}`}>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="font-medium">{t.name}</p>
                  <p className="break-all font-mono text-xs text-slate-600">POST {appUrl}/api/v1/inbound/{t.id}</p>
                  <p className="mt-1 text-xs text-slate-500">
                    Username <code>{t.username}</code> · a call {t.actionKind === 'run_integration'
                      ? <>runs {t.integrationId ? `“${integrationName.get(t.integrationId) ?? 'an integration'}”` : <span className="text-red-700">an integration that was deleted: create a new trigger</span>}</>
                      : <>records a “{t.eventMapping?.type}” event (end user from “{t.eventMapping?.userIdField}”)</>}
                  </p>
                </div>
                {isAdmin ? <div className="flex items-start gap-2"><RotateTriggerButton id={t.id} name={t.name} appUrl={appUrl} /><DeleteTriggerButton id={t.id} name={t.name} /></div> : null}
              </div>
              <CapturedJson trigger={t} />
            </li>
          ))}
        </ul>
      )}
      {isAdmin ? (
        <details className="rounded-md border border-dashed border-slate-300 p-3" open={triggers.length === 0}>
          <summary className="cursor-pointer text-sm font-medium text-brand-700">Create trigger</summary>
          <div className="mt-3"><CreateTriggerForm integrations={integrations} appUrl={appUrl} /></div>
        </details>
      ) : null}
    </section>
  );
}
