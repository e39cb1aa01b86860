'use client';

/** The wizard's clickable headers: where you are, and a way back or forward (forward checks the screens between). */
export function WizardSteps({ steps, current, onSelect }: { steps: readonly string[]; current: number; onSelect: (step: number) => void }) {
  return (
    <nav aria-label="Wizard screens" className="mb-6">
      <ol className="grid gap-2 sm:grid-cols-3">
        {steps.map((label, index) => {
          const state = index === current ? 'current' : index < current ? 'done' : 'todo';
          return (
            <li key={label}>
              <button type="button" onClick={() => onSelect(index)} aria-current={state === 'current' ? 'step' : undefined}
                className={`flex w-full items-center gap-3 rounded-md border px-3 py-2 text-left text-sm transition-colors ${
                  state === 'current' ? 'border-brand-600 bg-brand-50 font-semibold text-brand-900'
                    : state === 'done' ? 'border-slate-200 bg-white text-slate-800 hover:bg-slate-50' : 'border-slate-200 bg-white text-slate-500 hover:bg-slate-50'}`}>
                <span aria-hidden="true" className={`flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs ${
                  state === 'current' ? 'bg-brand-600 text-white' : state === 'done' ? 'bg-green-600 text-white' : 'bg-slate-200 text-slate-600'}`}>
                  {state === 'done' ? '✓' : index + 1}
                </span>
                <span><span className="sr-only">Screen {index + 1}: </span>{label}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
