/**
 * The Gainsight emulator's data: Company and Person records keyed by Gsid, the calls its external-action
 * receiver got, and the access keys it accepts.
 */
import crypto from 'node:crypto';

export type GsRecord = Record<string, unknown> & { Gsid: string };
export const GS_OBJECTS = ['Company', 'Person'] as const;
export type GsObject = (typeof GS_OBJECTS)[number];

/** One call to the external-action receiver, as received. */
export interface ReceivedCall {
  requestId: string;
  receivedAt: string;
  method: string;
  /** The receiver's name (the path segment after /v1/hooks/). */
  hook: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The Idempotency-Key the caller sent, if any: a later call to the same receiver with it is a repeat. */
  idempotencyKey: string | null;
  body: unknown;
}

/** A record's per-row failure, in Gainsight's `data.errors` list. */
export interface RecordError {
  index: number;
  errorCode: string;
  errorDesc: string;
}

export const DEMO_ACCESS_KEY = 'demo-gainsight-access-key-0001';

/** Gainsight ids look like `1P02…` followed by upper-case letters and digits. */
export function gsid(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return `1P02${Array.from(crypto.randomBytes(28), (b) => alphabet[b % alphabet.length]).join('')}`;
}

/** The emulator's state, shared by the API routes and the control API. */
export class GainsightStore {
  accessKeys: string[] = [];
  objects: Record<GsObject, Map<string, GsRecord>> = { Company: new Map(), Person: new Map() };
  calls: ReceivedCall[] = [];
  forced: Array<{ status: number; remaining: number }> = [];
  /** Repeats answered from an earlier call's Idempotency-Key, not stored again. */
  replays = 0;

  constructor(private readonly initialKeys: string[]) {
    this.reset();
  }

  reset(): void {
    this.accessKeys = [...this.initialKeys];
    this.objects = { Company: new Map(), Person: new Map() };
    this.calls = [];
    this.forced = [];
    this.replays = 0;
  }

  insert(object: GsObject, fields: Record<string, unknown>): GsRecord {
    const record: GsRecord = { ...fields, Gsid: gsid() };
    this.objects[object].set(record.Gsid, record);
    return record;
  }

  /** Records whose `keys` fields equal those of `values` (text compared without case, as Gainsight does for Email). */
  find(object: GsObject, keys: string[], values: Record<string, unknown>): GsRecord[] {
    const same = (a: unknown, b: unknown) => (typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b);
    return [...this.objects[object].values()].filter((r) => keys.every((k) => same(r[k], values[k])));
  }

  takeForced(): number | undefined {
    const next = this.forced[0];
    if (!next) return undefined;
    next.remaining -= 1;
    if (next.remaining <= 0) this.forced.shift();
    return next.status;
  }
}
