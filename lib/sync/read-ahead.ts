/**
 * Iterates `source` with the next item already being fetched while the caller works on the current one:
 * the database computes report batch N+1 (or Salesforce sends query page N+1) while the engine converts,
 * diffs and stores batch N. At most one item is held ahead, so memory stays at two batches.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = it.next();
      // Fetched ahead: if the caller stops before taking it, its failure must not surface as unhandled.
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    // The caller stopped early (or an error): let the source close its resources once the fetch ahead settles.
    await next.then(() => it.return?.(), () => undefined).catch(() => undefined);
  }
}
