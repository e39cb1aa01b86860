'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, messagesAt } from '@/components/ui/field';
import { saveWorkspaceSettingsAction } from './actions';

export function WorkspaceForm({ initial }: { initial: { teachMeEnabled: boolean; onboardingTasks: string[]; fieldPrefix: string } }) {
  const [state, action, pending] = useActionState(saveWorkspaceSettingsAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const taskErrors = messagesAt(errors, 'onboardingTasks');
  return (
    <form action={action} className="flex max-w-xl flex-col gap-5" aria-label="Workspace options" noValidate>
      {state?.ok ? <Alert tone="success">{state.message}</Alert> : null}
      {state && !state.ok && !errors ? <Alert tone="error">{state.message}</Alert> : null}
      <div className="flex flex-col gap-1">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="teachMeEnabled" aria-describedby="teachMe-hint"
            defaultChecked={values ? values.teachMeEnabled === 'on' : initial.teachMeEnabled} />
          TeachMe is enabled for this workspace (adds the TeachMe report)
        </label>
        <p id="teachMe-hint" className="ml-6 text-xs text-slate-500">
          TeachMe is training inside your product: courses your end users start and finish. Turn it on when your
          product sends <code>course_progress</code> events (<code>courseId</code>, <code>progress</code> 0-100,
          <code> completed</code>); the TeachMe report then shows, per end user, the courses started and completed
          and the average progress.
        </p>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="onboardingTasks" className="text-sm font-medium text-slate-700">Onboarding tasks</label>
        <textarea id="onboardingTasks" name="onboardingTasks" rows={6} defaultValue={values?.onboardingTasks ?? initial.onboardingTasks.join('\n')}
          aria-describedby="onboardingTasks-hint" aria-invalid={taskErrors ? true : undefined}
          className="rounded-md border border-slate-300 px-3 py-2 font-mono text-sm" />
        <p id="onboardingTasks-hint" className="text-xs text-slate-500">One task id per line, as sent in <code>onboarding_task</code> events (<code>taskId</code>). The Onboarding Completion Rate report counts these.</p>
        {taskErrors ? <ul className="text-xs text-red-700">{[...new Set(taskErrors)].map((m) => <li key={m}>{m}</li>)}</ul> : null}
      </div>
      <Field label="Salesforce field prefix" name="fieldPrefix" defaultValue={values?.fieldPrefix ?? initial.fieldPrefix} error={errors?.fieldPrefix}
        hint="Put at the start of the custom fields you create in Salesforce from the integration wizard, e.g. DIC_First_Login__c. Leave empty for no prefix." />
      <Button type="submit" disabled={pending}>Save</Button>
    </form>
  );
}
