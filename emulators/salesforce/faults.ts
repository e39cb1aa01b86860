/**
 * Injected faults, so clients' retry and partial-failure paths can be exercised: added latency, 503s, 429s
 * with Retry-After, call-level UNABLE_TO_LOCK_ROW, a session expiring mid-run, dropped connections, and per-row
 * UNABLE_TO_LOCK_ROW in Collections and Bulk results. Each rule matches `"METHOD /path"` by regular
 * expression and fires at a rate; the deterministic mode fires exactly every 1/rate-th match so tests can
 * count on it; `after` skips the first matches and `times` caps how often a rule fires.
 */
import { z } from 'zod';
import { seededRandom } from '@/lib/demo/people';

/** A fault rule as the control API accepts it. */
export const faultRuleSchema = z.object({
  kind: z.enum(['latency', 'unavailable', 'rateLimited', 'lockCall', 'expireSession', 'lockRow', 'drop']),
  /** Regular expression tested against "METHOD /path" (path without the query string). */
  pattern: z.string().default('.*'),
  rate: z.number().min(0).max(1).default(1),
  latencyMs: z.number().int().min(0).max(600_000).default(0),
  deterministic: z.boolean().default(false),
  /** Seed of the pseudo-random choice when not deterministic (fixed seed = repeatable runs). */
  seed: z.number().int().optional(),
  /** rateLimited: the Retry-After header, in seconds. */
  retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
  /** Matches to let through before the rule may fire. */
  after: z.number().int().min(0).default(0),
  /** Fires at most this many times (then stays inert); unlimited when absent. */
  times: z.number().int().min(1).optional(),
});

/** A fault rule before defaults are applied. */
export type FaultRuleInput = z.input<typeof faultRuleSchema>;
/** The kinds of fault that can be injected. */
export type FaultKind = z.infer<typeof faultRuleSchema>['kind'];

interface ActiveRule {
  id: number;
  rule: z.infer<typeof faultRuleSchema>;
  regex: RegExp;
  hits: number;
  fired: number;
  random: () => number;
}


/** The active fault rules. */
export class Faults {
  private rules: ActiveRule[] = [];
  private nextId = 1;

  /** Adds a rule; returns its id. */
  add(input: FaultRuleInput): number {
    const rule = faultRuleSchema.parse(input);
    const id = this.nextId++;
    const random = rule.seed === undefined ? Math.random : seededRandom(rule.seed);
    this.rules.push({ id, rule, regex: new RegExp(rule.pattern), hits: 0, fired: 0, random });
    return id;
  }

  /** Removes one rule, or all when no id is given. */
  clear(id?: number): void {
    this.rules = id === undefined ? [] : this.rules.filter((r) => r.id !== id);
  }

  /** The rules with how often each matched and fired. */
  list(): Array<FaultRuleInput & { id: number; hits: number; fired: number }> {
    return this.rules.map((r) => ({ id: r.id, ...r.rule, hits: r.hits, fired: r.fired }));
  }

  /** Decides whether a fault of `kind` fires for this request (or row); counts the match. */
  fires(kind: FaultKind, method: string, path: string): ActiveRule['rule'] | null {
    const subject = `${method} ${path}`;
    let fired: ActiveRule['rule'] | null = null;
    for (const r of this.rules) {
      if (r.rule.kind !== kind || !r.regex.test(subject)) continue;
      if (r.rule.times !== undefined && r.fired >= r.rule.times) { r.hits++; continue; }
      if (r.hits < r.rule.after) { r.hits++; continue; }
      const n = r.hits++ - r.rule.after;
      const hit = r.rule.deterministic
        ? Math.floor((n + 1) * r.rule.rate + 1e-9) > Math.floor(n * r.rule.rate + 1e-9)
        : r.random() < r.rule.rate;
      if (hit) { r.fired++; fired ??= r.rule; }
    }
    return fired;
  }

  /** Whether any lockRow rule could match (so row loops skip the check when none is set). */
  hasRowFaults(): boolean {
    return this.rules.some((r) => r.rule.kind === 'lockRow');
  }
}
