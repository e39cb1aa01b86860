/**
 * Describe results cached per connected account and object, in this process, for a few minutes: the wizard
 * asks for the same object's fields on every screen and row, and a describe costs an API call of the org's
 * daily allowance. "Refresh" in the wizard (or creating a field) drops the entry. Results are not secret
 * but belong to one account; keys include the account id, and callers check the workspace before asking.
 */
import type { SObjectDescribe, SObjectSummary } from './client';

/** How long an answer is reused. Field changes in Salesforce show after this, or at once with Refresh. */
export const DESCRIBE_TTL_MS = 10 * 60_000;

type Entry<T> = { at: number; value: Promise<T> };
type Store = Map<string, Entry<unknown>>;

// Next bundles routes separately; one store per process, not per bundle.
const store: Store = ((globalThis as { __dicDescribeCache?: Store }).__dicDescribeCache ??= new Map());

async function cached<T>(key: string, load: () => Promise<T>, refresh: boolean, now: number): Promise<T> {
  const hit = store.get(key) as Entry<T> | undefined;
  if (hit && !refresh && now - hit.at < DESCRIBE_TTL_MS) return hit.value;
  const value = load();
  store.set(key, { at: now, value });
  // A failed describe is not kept: the next call asks Salesforce again.
  value.catch(() => { if (store.get(key)?.value === value) store.delete(key); });
  return value;
}

/** The account's objects (describeGlobal), from the cache unless `refresh` or stale. */
export function cachedObjects(accountId: string, load: () => Promise<SObjectSummary[]>, options: { refresh?: boolean; now?: number } = {}) {
  return cached(`${accountId}|*`, load, options.refresh ?? false, options.now ?? Date.now());
}

/** One object's describe, from the cache unless `refresh` or stale. */
export function cachedDescribe(accountId: string, objectName: string, load: () => Promise<SObjectDescribe>, options: { refresh?: boolean; now?: number } = {}) {
  return cached(`${accountId}|${objectName.toLowerCase()}`, load, options.refresh ?? false, options.now ?? Date.now());
}

/** Drops what is cached for an account (or one of its objects), e.g. after a field was created or on disconnect. */
export function forgetDescribes(accountId: string, objectName?: string) {
  if (objectName) {
    store.delete(`${accountId}|${objectName.toLowerCase()}`);
    return;
  }
  for (const key of store.keys()) if (key.startsWith(`${accountId}|`)) store.delete(key);
}
