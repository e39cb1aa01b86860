/**
 * The daily API allowance as Salesforce counts it: calls in the last 24 hours (a rolling window, kept
 * in hourly buckets), against a maximum. Once spent, calls are refused until old hours roll off.
 */

const HOUR = 3_600_000;

/** The allowance as reported to clients and the control API. */
export interface ApiAllowance {
  max: number;
  used: number;
}

/** Counts API calls of one org over a rolling 24-hour window. */
export class ApiMeter {
  private buckets = new Map<number, number>();

  constructor(public max: number) {}

  /** Calls counted in the 24 hours before `now`. */
  used(now: number): number {
    const current = Math.floor(now / HOUR);
    let sum = 0;
    for (const [hour, n] of this.buckets) {
      if (hour <= current - 24) this.buckets.delete(hour);
      else sum += n;
    }
    return sum;
  }

  /** Counts one call unless the allowance is spent; returns the usage after the attempt and whether it was allowed. */
  charge(now: number): { used: number; allowed: boolean } {
    const used = this.used(now);
    if (used >= this.max) return { used, allowed: false };
    const hour = Math.floor(now / HOUR);
    this.buckets.set(hour, (this.buckets.get(hour) ?? 0) + 1);
    return { used: used + 1, allowed: true };
  }

  /** Replaces the window's history with `used` calls made now (control API, state file). */
  setUsed(used: number, now: number): void {
    this.buckets.clear();
    if (used > 0) this.buckets.set(Math.floor(now / HOUR), used);
  }

  snapshot(now: number): ApiAllowance {
    return { max: this.max, used: this.used(now) };
  }
}
