/**
 * The shape of an org as a seed file describes it: users, objects (standard and custom), their fields
 * and records. Validated with zod so a hand-written seed fails loudly and early.
 */
import { z } from 'zod';

/** Field types a seed may use (Salesforce's describe type names). */
export const FIELD_TYPES = ['id', 'string', 'email', 'phone', 'url', 'textarea', 'boolean', 'int', 'double',
  'currency', 'percent', 'date', 'datetime', 'picklist', 'multipicklist', 'reference'] as const;

/** A field type. */
export type FieldType = (typeof FIELD_TYPES)[number];

const apiName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'not an API name');

const picklistValue = z.union([
  z.string(),
  z.object({ value: z.string(), label: z.string().optional(), default: z.boolean().optional(), active: z.boolean().optional() }),
]);

/** One field of an object in a seed. */
export const seedFieldSchema = z.object({
  name: apiName,
  label: z.string().optional(),
  type: z.enum(FIELD_TYPES),
  length: z.number().int().positive().optional(),
  precision: z.number().int().positive().max(18).optional(),
  scale: z.number().int().min(0).max(17).optional(),
  picklistValues: z.array(picklistValue).optional(),
  restricted: z.boolean().optional(),
  required: z.boolean().optional(),
  externalId: z.boolean().optional(),
  idLookup: z.boolean().optional(),
  unique: z.boolean().optional(),
  caseSensitive: z.boolean().optional(),
  autoNumber: z.boolean().optional(),
  /** Display format of an auto-number, e.g. "A-{0000}". */
  displayFormat: z.string().optional(),
  calculated: z.boolean().optional(),
  /** Calculated fields: a template such as "{FirstName} {LastName}" (the only formula kind modelled). */
  formula: z.string().optional(),
  referenceTo: z.array(z.string()).optional(),
  relationshipName: z.string().optional(),
  createable: z.boolean().optional(),
  updateable: z.boolean().optional(),
  defaultValue: z.union([z.string(), z.number(), z.boolean()]).optional(),
  /** False until field-level security grants it (fields created through the Tooling API start hidden). */
  visible: z.boolean().optional(),
});

const recordValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One object in a seed, with its records (field name → value; `Id` optional, generated when absent). */
export const seedObjectSchema = z.object({
  name: apiName,
  label: z.string().optional(),
  labelPlural: z.string().optional(),
  keyPrefix: z.string().regex(/^[0-9A-Za-z]{3}$/),
  custom: z.boolean().optional(),
  fields: z.array(seedFieldSchema),
  records: z.array(z.record(z.string(), recordValue)).default([]),
});

/** A user of the org; `modifyAllData` is the permission the product checks. */
export const seedUserSchema = z.object({
  id: z.string().optional(),
  username: z.string().min(3),
  password: z.string().min(1),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  modifyAllData: z.boolean(),
});

/** A whole org. */
export const orgSeedSchema = z.object({
  orgId: z.string().regex(/^00D[0-9A-Za-z]{15}$/).optional(),
  name: z.string(),
  isSandbox: z.boolean().default(false),
  /** Two base62 characters placed after each key prefix in generated ids. */
  pod: z.string().regex(/^[0-9A-Za-z]{2}$/).default('5g'),
  dailyApiRequests: z.number().int().positive().default(100_000),
  users: z.array(seedUserSchema).min(1),
  objects: z.array(seedObjectSchema),
});

/** A validated seed field. */
export type SeedField = z.infer<typeof seedFieldSchema>;
/** A validated seed object. */
export type SeedObject = z.infer<typeof seedObjectSchema>;
/** A validated seed user. */
export type SeedUser = z.infer<typeof seedUserSchema>;
/** A validated org seed, defaults applied. */
export type OrgSeed = z.infer<typeof orgSeedSchema>;
/** An org seed as written (before defaults). */
export type OrgSeedInput = z.input<typeof orgSeedSchema>;

/** Parses and validates a seed, throwing a readable error listing every problem. */
export function parseOrgSeed(input: unknown): OrgSeed {
  const result = orgSeedSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid org seed: ${problems}`);
  }
  return result.data;
}
