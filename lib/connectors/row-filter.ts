/** Row filters of connector destinations: only rows matching every condition are sent. */
import type { RowFilter } from '@/db/schema';

/** The operators with the words the wizard shows. */
export const FILTER_OPERATORS: Array<{ value: RowFilter['operator']; label: string; needsValue: boolean }> = [
  { value: 'eq', label: 'is', needsValue: true },
  { value: 'neq', label: 'is not', needsValue: true },
  { value: 'lt', label: 'is less than', needsValue: true },
  { value: 'lte', label: 'is at most', needsValue: true },
  { value: 'gt', label: 'is more than', needsValue: true },
  { value: 'gte', label: 'is at least', needsValue: true },
  { value: 'contains', label: 'contains', needsValue: true },
  { value: 'is_empty', label: 'is empty', needsValue: false },
  { value: 'is_not_empty', label: 'is not empty', needsValue: false },
];

function comparable(value: unknown): number | string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const text = String(value);
  const n = Number(text);
  if (text.trim() !== '' && Number.isFinite(n)) return n;
  const t = Date.parse(text);
  if (/^\d{4}-\d{2}-\d{2}/.test(text) && Number.isFinite(t)) return t;
  return text.toLowerCase();
}

/** True when the row passes one condition. Text compares without case; numbers and dates by value. */
export function matchesFilter(row: Record<string, unknown>, filter: RowFilter): boolean {
  const actual = comparable(row[filter.column]);
  if (filter.operator === 'is_empty') return actual === null;
  if (filter.operator === 'is_not_empty') return actual !== null;
  const wanted = comparable(filter.value);
  if (filter.operator === 'contains') return actual !== null && String(row[filter.column]).toLowerCase().includes(String(filter.value ?? '').toLowerCase());
  if (filter.operator === 'eq') return actual === wanted;
  if (filter.operator === 'neq') return actual !== wanted;
  if (actual === null || wanted === null || typeof actual !== typeof wanted) return false;
  switch (filter.operator) {
    case 'lt': return actual < wanted;
    case 'lte': return actual <= wanted;
    case 'gt': return actual > wanted;
    case 'gte': return actual >= wanted;
  }
  return false;
}

/** True when the row passes every filter (no filters: every row). */
export function matchesFilters(row: Record<string, unknown>, filters: readonly RowFilter[]): boolean {
  return filters.every((f) => matchesFilter(row, f));
}
