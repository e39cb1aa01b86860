/** A moment as `YYYY-MM-DD HH:mm` in UTC, the way the product shows every time. */
export function formatUtc(date: Date | string | null | undefined): string {
  if (!date) return '';
  const d = typeof date === 'string' ? new Date(date) : date;
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
