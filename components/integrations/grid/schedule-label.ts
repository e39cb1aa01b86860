const NAMED: Record<string, string> = {
  '0 8 * * *': 'Daily at 08:00',
  '0 8 * * 1-5': 'Weekdays at 08:00',
  '0 8 * * 1': 'Mondays at 08:00',
  '0 * * * *': 'Every hour',
};

/** A schedule in words where it is a common one ("Daily at 08:00 UTC"), else the cron with its time zone. */
export function scheduleLabel(cron: string, timezone: string): string {
  const named = NAMED[cron.trim()];
  return named ? `${named} ${timezone}` : `${cron} (${timezone})`;
}
