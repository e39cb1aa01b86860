import { CronExpressionParser } from 'cron-parser';

/** Every day at 08:00 UTC: the schedule a new integration starts with. */
export const DEFAULT_SCHEDULE = { cron: '0 8 * * *', timezone: 'UTC' } as const;

/**
 * True when `timezone` is an IANA time zone schedules can use. Judged as pg-boss judges it (cron-parser with a
 * reference date, which is when cron-parser resolves the zone), so whatever passes here pg-boss accepts.
 */
export function isTimeZone(timezone: string): boolean {
  if (timezone.trim() === '') return false;
  try {
    CronExpressionParser.parse('* * * * *', { tz: timezone, strict: false, currentDate: new Date() });
    return true;
  } catch {
    return false;
  }
}

/**
 * Why a cron expression cannot be used, or null when it can. Five fields (minute hour day-of-month month
 * day-of-week), as pg-boss schedules them: seconds are not supported.
 */
export function cronProblem(cron: string): string | null {
  const fields = cron.trim().split(/\s+/);
  if (cron.trim() === '') return 'Enter a schedule in cron format, like 0 8 * * * for every day at 08:00.';
  if (fields.length !== 5) {
    return `A schedule has 5 fields (minute hour day month weekday), like 0 8 * * *; this one has ${fields.length}.`;
  }
  try {
    CronExpressionParser.parse(cron.trim(), { tz: 'UTC' });
    return null;
  } catch (error) {
    return `This schedule is not valid cron (${(error as Error).message}). Use 5 fields, like 0 8 * * 1-5 for weekdays at 08:00.`;
  }
}

/** The next `count` times the schedule fires after `from`, evaluated in its time zone. */
export function nextRuns(cron: string, timezone: string, from: Date = new Date(), count = 1): Date[] {
  const expression = CronExpressionParser.parse(cron.trim(), { tz: timezone, currentDate: from });
  return expression.take(count).map((d) => d.toDate());
}

/** The next time the schedule fires after `from`, or null when it never does (or its cron cannot be read). */
export function nextRun(cron: string, timezone: string, from: Date = new Date()): Date | null {
  try {
    return nextRuns(cron, timezone, from)[0] ?? null;
  } catch {
    return null;
  }
}
