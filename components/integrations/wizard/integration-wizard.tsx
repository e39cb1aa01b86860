'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { FormProvider, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { integrationSchema } from '@/lib/integrations/schema';
import { suggestIntegrationName, suggestPayloadRows } from '@/lib/integrations/suggest';
import type { SalesforceField } from '@/lib/salesforce/client';
import { ActionStep } from './action-step';
import { DestinationStep } from './destination-step';
import { KeysStep } from './keys-step';
import { initialSuggestions, MappingStep } from './mapping-step';
import { PayloadStep } from './payload-step';
import { PreviewDialog } from './preview-dialog';
import {
  STEP_FIELDS, STEPS, stepOf, type WizardAccount, type WizardActions, type WizardConnector, type WizardDestination, type WizardReport, type WizardValues,
} from './types';
import { UnsavedChangesGuard } from './unsaved-changes';
import { useSalesforceMetadata } from './use-salesforce-metadata';
import { WizardSteps } from './wizard-steps';

const isBlank = (r: { column?: string; field?: string } | undefined) => !r || ((r.column ?? '') === '' && (r.field ?? '') === '');
const isBlankFilter = (r: { column?: string; value?: string | null } | undefined) => !r || ((r.column ?? '') === '' && (r.value ?? '') === '');

/**
 * The integration wizard: one react-hook-form over three screens with the shared zod schema (each CONTINUE
 * checks its screen's part; SAVE checks the whole, and the server checks it again with the object's describe,
 * or the action's tokens). Screen 1 chooses the destination: a Salesforce account, or a connector, whose
 * screens 2 and 3 pick a JSON event or external action and map columns to payload keys. Editing opens at screen 3.
 */
export function IntegrationWizard({ initial, startStep = 0, accounts, connectors, reports, actions, mode }: {
  initial: WizardValues;
  startStep?: number;
  accounts: WizardAccount[];
  connectors: WizardConnector[];
  reports: WizardReport[];
  actions: WizardActions;
  mode: 'create' | 'edit';
}) {
  const router = useRouter();
  const toast = useToast();
  const [step, setStep] = useState(startStep);
  const [serverError, setServerError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const suggestedOnce = useRef(mode === 'edit');
  const nameTouched = useRef(mode === 'edit');
  const form = useForm<WizardValues>({ resolver: zodResolver(integrationSchema), defaultValues: initial, mode: 'onTouched' });
  const { control, getValues, setValue, trigger, setError, formState } = form;
  const destination: WizardDestination = useWatch({ control, name: 'destination' }) ?? 'salesforce';
  const accountId = useWatch({ control, name: 'accountId' }) ?? '';
  const connectorId = useWatch({ control, name: 'connectorId' }) ?? '';
  const actionId = useWatch({ control, name: 'actionId' }) ?? '';
  const reportId = useWatch({ control, name: 'reportId' }) ?? '';
  const objectName = useWatch({ control, name: 'objectName' }) ?? '';
  const mappings = useWatch({ control, name: 'mappings' }) ?? [];
  const report = reports.find((r) => r.id === reportId);
  const toConnector = destination === 'connector';
  const connector = toConnector ? connectors.find((c) => c.id === connectorId) : undefined;
  const action = connector?.actions.find((a) => a.id === actionId);
  const steps = STEPS[destination];
  const meta = useSalesforceMetadata(actions, toConnector ? '' : accountId, objectName);
  // A trigger-only action may be sent with no values; every other destination needs a mapped row.
  const canSave = (toConnector && action?.triggerOnly === true) || mappings.some((m) => (m?.column ?? '') !== '' && (m?.field ?? '') !== '');

  const suggestName = (reportName?: string, objectLabel?: string) => {
    if (nameTouched.current || formState.dirtyFields.name || !reportName || !objectLabel) return;
    setValue('name', suggestIntegrationName(reportName, objectLabel));
  };
  const checkStep = async (index: number) => trigger(STEP_FIELDS[destination][index] as unknown as FieldPath<WizardValues>[]);
  /** Screen 1's choice; a new destination starts screens 2 and 3 afresh (another account's objects, another connector's actions). */
  const pickDestination = (kind: WizardDestination, id: string) => {
    const before = { destination: getValues('destination'), connectorId: getValues('connectorId') };
    setValue('destination', kind, { shouldDirty: true });
    if (kind === 'salesforce') {
      setValue('accountId', id, { shouldDirty: true, shouldValidate: true });
      setValue('objectName', '');
    } else {
      setValue('connectorId', id, { shouldDirty: true, shouldValidate: true });
    }
    if (before.destination !== kind || (kind === 'connector' && before.connectorId !== id)) {
      setValue('actionId', '');
      setValue('mappings', []);
      setValue('filters', []);
      setNotice(null);
      suggestedOnce.current = false;
    }
  };
  const goTo = async (target: number) => {
    setServerError(null);
    for (let s = step; s < target; s++) {
      if (!(await checkStep(s))) { setStep(s); return; }
    }
    if (target === 2 && !suggestedOnce.current && !getValues('mappings')?.some((m) => !isBlank(m))) {
      suggestedOnce.current = true;
      if (toConnector) {
        const rows = suggestPayloadRows(report?.columns ?? [], action?.tokens ?? []);
        setValue('mappings', rows.length > 0 ? rows : [{ column: '', field: '' }], { shouldDirty: rows.length > 0 });
        setNotice(rows.some((r) => r.column !== '') ? 'Each token was filled with the report column of the same name. Check them.' : null);
        setStep(target);
        return;
      }
      const rows = initialSuggestions(report, meta.describe.data, getValues('keys'));
      if (rows.length > 0) {
        setValue('mappings', rows, { shouldDirty: true });
        setNotice(`${rows.length} ${rows.length === 1 ? 'row was' : 'rows were'} suggested by name and type. Check them, remove what you do not want, and add more with ADD COLUMN.`);
      } else setValue('mappings', [{ column: '', field: '' }]);
    }
    setStep(target);
  };

  const createField = async (column: string): Promise<SalesforceField | null> => {
    const result = await actions.createField({ accountId, objectName, reportId, column });
    if (!result.ok) { toast.error('The field was not created.', result.message); return null; }
    meta.addField(result.data);
    toast.success('Field created.', `${result.data.label} (${result.data.name}) is ready in Salesforce and mapped from "${column}".`);
    return result.data;
  };
  const refresh = async () => {
    const problem = await meta.refresh();
    if (problem) toast.error('Salesforce could not be read', problem);
    else toast.success('Refreshed from Salesforce', 'Objects and fields are up to date.');
  };
  const refreshButton = (
    <Button type="button" variant="secondary" onClick={() => void refresh()} disabled={!accountId || meta.refreshing}
      aria-label="Refresh objects and fields from Salesforce">{meta.refreshing ? 'Refreshing…' : 'Refresh'}</Button>
  );

  const save = async () => {
    setServerError(null);
    // Blank rows are dropped first, so the server's row numbers are the rows on screen.
    setValue('keys', (getValues('keys') ?? []).filter((r) => !isBlank(r)));
    setValue('mappings', (getValues('mappings') ?? []).filter((r) => !isBlank(r)));
    setValue('filters', (getValues('filters') ?? []).filter((r) => !isBlankFilter(r)));
    if (!(await trigger())) {
      const first = Object.keys(form.formState.errors).sort((a, b) => stepOf(a) - stepOf(b))[0];
      if (first) setStep(stepOf(first));
      return;
    }
    setSaving(true);
    try {
      const result = await actions.save(getValues());
      if (result.ok) {
        setSaved(true);
        toast.success('Integration saved.', mode === 'create' ? 'It runs on its schedule; use Run Now to push data at once.' : undefined, { page: '/integrations' });
        router.push('/integrations');
        router.refresh();
        return;
      }
      const paths = Object.entries(result.fieldErrors ?? {});
      const unplaced: string[] = [];
      for (const [path, messages] of paths) {
        if (path === 'form') unplaced.push(...messages);
        else setError(path as FieldPath<WizardValues>, { type: 'server', message: messages.join(' ') });
      }
      if (paths.length > 0) setStep(Math.min(...paths.map(([p]) => stepOf(p))));
      setServerError([result.message, ...unplaced].join(' '));
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormProvider {...form}>
      <UnsavedChangesGuard dirty={formState.isDirty && !saved} />
      <WizardSteps steps={steps} current={step} onSelect={(s) => void (s < step ? setStep(s) : goTo(s))} />
      <form noValidate aria-label={`Integration wizard, screen ${step + 1} of 3: ${steps[step]}`} onSubmit={(e) => { e.preventDefault(); void (step < 2 ? goTo(step + 1) : save()); }}
        className="flex flex-col gap-6 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-lg font-semibold text-slate-900">{steps[step]}</h2>
        {serverError ? <Alert tone="error">{serverError}</Alert> : null}
        {step === 0 ? <DestinationStep accounts={accounts} connectors={connectors} onPicked={pickDestination} /> : null}
        {step === 1 && toConnector ? (
          <ActionStep reports={reports} connector={connector}
            onReportChange={(r) => { suggestName(r?.name, action?.name); }}
            onActionChange={(a) => {
              setValue('mappings', [], { shouldDirty: true });
              suggestedOnce.current = false;
              suggestName(report?.name, a?.name);
            }} />
        ) : null}
        {step === 1 && !toConnector ? (
          <KeysStep reports={reports.filter((r) => r.salesforce)} report={report} objects={meta.objects} describe={meta.describe} refreshButton={refreshButton}
            onReportChange={(r) => {
              setValue('keys', [{ column: r?.keyColumn ?? '', field: '' }], { shouldDirty: true });
              suggestName(r?.name, meta.objects.data?.find((o) => o.name === objectName)?.label);
            }}
            onObjectChange={(name) => {
              setValue('keys', (getValues('keys') ?? []).map((k) => ({ column: k?.column ?? '', field: '' })));
              setValue('mappings', []);
              suggestedOnce.current = false;
              suggestName(report?.name, meta.objects.data?.find((o) => o.name === name)?.label);
            }} />
        ) : null}
        {step === 2 && toConnector ? <PayloadStep report={report} action={action} notice={notice} /> : null}
        {step === 2 && !toConnector ? (
          <MappingStep report={report} describe={meta.describe} onCreateField={createField} refreshButton={refreshButton} notice={notice} />
        ) : null}
        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 pt-4">
          <div>{step > 0 ? <Button type="button" variant="secondary" onClick={() => setStep(step - 1)}>Back</Button> : null}</div>
          <div className="flex gap-2">
            {step === 2 ? <PreviewDialog preview={actions.preview} values={getValues} disabled={!canSave} system={toConnector ? connector?.name ?? 'the system' : undefined} /> : null}
            {step < 2 ? <Button type="submit" disabled={step === 0 && accounts.length === 0 && connectors.length === 0}>CONTINUE</Button>
              : <Button type="submit" disabled={!canSave || saving}>{saving ? 'Saving…' : 'SAVE'}</Button>}
          </div>
        </div>
      </form>
    </FormProvider>
  );
}
