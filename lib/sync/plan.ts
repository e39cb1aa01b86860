import type { IntegrationSnapshot } from '@/db/schema';
import type { ReportDefinition } from '@/lib/insights/columns';
import { checkMapping, type MappingProblem } from '@/lib/integrations/check-mapping';
import type { SObjectDescribe } from '@/lib/salesforce/client';
import { RunStop } from './run-stop';
import { mappingFingerprint, type BoundColumn, type RunPlan } from './transform';

/** The one message a failed mapping check shows: every problem, each naming its field. */
export function mappingProblemsMessage(problems: MappingProblem[]): string {
  const head = problems.length === 1 ? 'The mapping no longer fits Salesforce, so nothing was written: ' : `The mapping no longer fits Salesforce in ${problems.length} places, so nothing was written: `;
  return head + problems.map((p) => p.message).join(' ');
}

/**
 * Binds the integration's pairs to the report's columns and the object's fields, after checking them
 * against the current describe. Pure: throws a RunStop naming every problem instead of returning a plan
 * that would fail half-way.
 */
export function planRun(snapshot: IntegrationSnapshot, report: ReportDefinition, describe: SObjectDescribe): RunPlan {
  const objectName = describe.name;
  const problems = checkMapping({ objectName, keys: snapshot.keys, mappings: snapshot.mappings }, report.columns, describe);
  if (problems.length > 0) throw new RunStop('MAPPING_INVALID', mappingProblemsMessage(problems), { problems });
  const fields = new Map(describe.fields.map((f) => [f.name.toLowerCase(), f]));
  const columns = new Map(report.columns.map((c) => [c.name, c]));
  const bind = (pair: { column: string; field: string }): BoundColumn => ({
    column: pair.column, columnType: columns.get(pair.column)!.type, field: fields.get(pair.field.toLowerCase())!,
  });
  const keys = snapshot.keys.map(bind);
  const mappings = snapshot.mappings.map(bind);
  return {
    objectName,
    keys,
    mappings,
    fingerprint: mappingFingerprint({
      accountId: snapshot.accountId, objectName,
      keys: keys.map((k) => ({ column: k.column, field: k.field.name })), mappings: mappings.map((m) => ({ column: m.column, field: m.field.name })),
    }),
    excludeConverted: objectName === 'Lead' && describe.fields.some((f) => f.name === 'IsConverted'),
  };
}
