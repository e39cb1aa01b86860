/**
 * The name of the unique index or constraint a failed statement violated, or null when the error is not a
 * unique violation (SQLSTATE 23505). Looks through drizzle's wrapper to the driver's error (pg and PGlite).
 */
export function uniqueViolation(error: unknown): string | null {
  for (let e = error as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === '23505') return typeof e.constraint === 'string' ? e.constraint : '';
  }
  return null;
}
