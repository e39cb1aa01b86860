import type { RunPlan } from './transform';

/** How the run log names a run's keys: "e-mails" for an e-mail key, the field's label otherwise. */
export function keyNoun(plan: Pick<RunPlan, 'keys'>): { singular: string; plural: string; field: string } {
  if (plan.keys.length > 1) return { singular: 'key', plural: 'keys', field: plan.keys.map((k) => k.field.label).join(' and ') };
  const field = plan.keys[0].field;
  if (field.type === 'email') return { singular: 'e-mail', plural: 'e-mails', field: 'e-mail' };
  return { singular: `${field.label} value`, plural: `${field.label} values`, field: field.label };
}
