/** How many pages `total` rows fill at `pageSize` a page; an empty list still has its one (empty) page. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * The last page when a requested page lies past it (an old link, a hand-edited address), so a pager never
 * says "Page 9999 of 39"; null when the requested page exists.
 */
export function lastPageIfPast(page: number, total: number, pageSize: number): number | null {
  const last = pageCount(total, pageSize);
  return page > last ? last : null;
}
