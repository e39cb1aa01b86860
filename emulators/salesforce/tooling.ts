/**
 * Schema changes through the API: Tooling `CustomField` creation (Modify All Data required) and
 * field-level security through `FieldPermissions` records. A new field stays invisible to describe,
 * SOQL and writes until a FieldPermissions row grants read access, as for a real connected user.
 */
import { z } from 'zod';
import type { FieldType } from './seed/schema';
import { resolveField } from './model/fields';
import { makeId } from './ids';
import type { Org } from './model/org';
import { SObjectStore } from './model/sobject';
import { renderRecord } from './soql/cursor';
import { executeQuery } from './soql/execute';
import { parseSoql, SoqlError } from './soql/parse';
import { readJson, sendJson, SfHttpError } from './http/respond';
import type { RestContext } from './rest/context';

const METADATA_TYPES: Record<string, FieldType> = {
  Text: 'string', TextArea: 'textarea', LongTextArea: 'textarea', Number: 'double', Checkbox: 'boolean', Date: 'date',
  DateTime: 'datetime', Email: 'email', Phone: 'phone', Url: 'url', Picklist: 'picklist', MultiselectPicklist: 'multipicklist',
  Currency: 'currency', Percent: 'percent',
};

const customFieldBody = z.object({
  FullName: z.string(),
  Metadata: z.object({
    label: z.string().min(1),
    type: z.string(),
    length: z.number().int().optional(),
    precision: z.number().int().optional(),
    scale: z.number().int().optional(),
    required: z.boolean().optional(),
    externalId: z.boolean().optional(),
    unique: z.boolean().optional(),
    defaultValue: z.string().nullable().optional(),
    valueSet: z.object({
      restricted: z.boolean().optional(),
      valueSetDefinition: z.object({ value: z.array(z.object({ fullName: z.string(), label: z.string().optional(), default: z.boolean().optional() })) }),
    }).optional(),
  }).passthrough(),
});

function integrity(message: string): never {
  throw new SfHttpError(400, 'FIELD_INTEGRITY_EXCEPTION', message);
}

/** POST /tooling/sobjects/CustomField */
export async function createCustomField(ctx: RestContext): Promise<void> {
  if (!ctx.user.modifyAllData) {
    throw new SfHttpError(403, 'INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');
  }
  const parsed = customFieldBody.safeParse(await readJson(ctx.req));
  if (!parsed.success) throw new SfHttpError(400, 'JSON_PARSER_ERROR', `Invalid CustomField: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const { FullName, Metadata: md } = parsed.data;
  const m = /^([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z][A-Za-z0-9_]*__c)$/.exec(FullName);
  if (!m) integrity(`FullName: invalid custom field name ${FullName}; it must look like Object.Field__c`);
  const store = ctx.org.object(m[1]);
  if (!store) throw new SfHttpError(400, 'INVALID_CROSS_REFERENCE_KEY', `Cannot find an entity named ${m[1]}`);
  if (store.field(m[2], true)) throw new SfHttpError(400, 'DUPLICATE_DEVELOPER_NAME', `There is already a field named ${m[2]} on ${store.name}.`);
  const type = METADATA_TYPES[md.type];
  if (!type) integrity(`Type: bad value for field type: ${md.type}`);
  if (type === 'string' && (!md.length || md.length < 1 || md.length > 255)) integrity('Length: Length must be between 1 and 255');
  const numeric = type === 'double' || type === 'currency' || type === 'percent';
  if (numeric && (!md.precision || md.precision > 18 || (md.scale ?? 0) > md.precision)) integrity('Precision: Precision must be between 1 and 18 and at least the scale');
  const picklist = md.valueSet?.valueSetDefinition.value.map((v) => ({ value: v.fullName, label: v.label ?? v.fullName, default: v.default ?? false }));
  if ((type === 'picklist' || type === 'multipicklist') && !picklist?.length) integrity('Value Set: a picklist needs at least one value');
  const id = ctx.org.miscId('00N');
  store.addField({ ...resolveField({
    name: m[2], label: md.label, type, length: md.length, precision: numeric ? md.precision : undefined,
    scale: numeric ? md.scale ?? 0 : undefined, required: md.required, externalId: md.externalId, unique: md.unique,
    picklistValues: picklist, restricted: md.valueSet?.restricted, visible: false,
  }), toolingId: id });
  ctx.em.onChange();
  sendJson(ctx.res, 201, { id, success: true, errors: [], warnings: [], infos: [] });
}

/** The org's custom fields as Tooling API CustomField rows (hidden ones included: Tooling sees metadata). */
function customFieldStore(org: Org): SObjectStore {
  const store = new SObjectStore({
    name: 'CustomField', label: 'Custom Field', keyPrefix: '00N', fields: [
      { name: 'DeveloperName', type: 'string', length: 40 },
      { name: 'TableEnumOrId', type: 'string', length: 40 },
      { name: 'NamespacePrefix', type: 'string', length: 15 },
      { name: 'FullName', type: 'string', length: 255 },
      { name: 'Description', type: 'textarea' },
      { name: 'Length', type: 'int' },
      { name: 'Precision', type: 'int' },
      { name: 'Scale', type: 'int' },
    ],
  }, org.pod);
  let n = 0;
  for (const o of org.objects.values()) {
    for (const f of o.fields) {
      n++;
      if (!f.custom) continue;
      // Seeded fields get a stable id from their position; Tooling-created ones keep the id they were given.
      const id = f.toolingId ??= makeId('00N', org.pod, 50_000 + n);
      store.put(id, {
        Id: id, IsDeleted: false, DeveloperName: f.name.replace(/__c$/, ''), TableEnumOrId: o.name, NamespacePrefix: null,
        FullName: `${o.name}.${f.name}`, Description: null, Length: f.length || null,
        Precision: f.precision || null, Scale: f.precision ? f.scale : null,
      });
    }
  }
  return store;
}

/** GET /tooling/query?q=: the CustomField entity (other Tooling entities answer INVALID_TYPE). */
export function toolingQuery(ctx: RestContext): void {
  const soql = ctx.url.searchParams.get('q');
  if (!soql) throw new SfHttpError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  try {
    const parsed = parseSoql(soql);
    const store = customFieldStore(ctx.org);
    const lookup = { object: (name: string) => (name.toLowerCase() === 'customfield' ? store : undefined) };
    const result = executeQuery(soql, parsed, lookup, ctx.user, false, ctx.em.now());
    const records = result.rows.map((r) => {
      const rec = renderRecord(store, result.fields, r, ctx.version) as { attributes: { url: string } };
      rec.attributes.url = rec.attributes.url.replace('/sobjects/', '/tooling/sobjects/');
      return rec;
    });
    sendJson(ctx.res, 200, { size: result.totalSize, totalSize: result.totalSize, done: true, queryLocator: null, entityTypeName: 'CustomField', records });
  } catch (e) {
    if (e instanceof SoqlError) throw new SfHttpError(400, e.code, e.message);
    throw e;
  }
}

/**
 * Runs after any successful save: a FieldPermissions row granting read makes its field visible (and
 * writable when it grants edit). Permission sets are not modelled per user: one grant opens the field
 * to every session of the org.
 */
export function afterSave(org: Org, store: SObjectStore, id: string): void {
  if (store.name !== 'FieldPermissions') return;
  const rec = store.records.get(id);
  if (!rec || typeof rec.Field !== 'string') return;
  const [objectName, fieldName] = rec.Field.split('.');
  const target = org.object(String(rec.SobjectType ?? objectName));
  const def = target?.field(fieldName ?? '', true);
  if (!def) return;
  def.visible = rec.PermissionsRead === true || rec.PermissionsEdit === true;
  if (def.custom && !def.calculated && !def.autoNumber) {
    def.createable = rec.PermissionsEdit === true;
    def.updateable = rec.PermissionsEdit === true;
  }
}
