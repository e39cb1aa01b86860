/**
 * The outbound limit of a connector (3,000 calls a minute for Qualtrics, the connector's own setting
 * otherwise), shared by every process on the database: calls are spaced evenly, one slot every
 * 60,000 / limit ms, reserved in the `rate_limits` table (see db/queries/rate-limits.ts). Spacing rather
 * than a counter per minute: a system counting its own minute windows, which start whenever it likes,
 * never sees more than the limit in any of them, whereas two fixed windows that do not line up let up to
 * twice the limit through in a few seconds.
 */
import type { Database } from '@/db/client';
import { reserveCallSlot } from '@/db/queries/rate-limits';

/** Milliseconds between two calls of a connector allowed `callsPerMinute`. */
export function callSpacingMs(callsPerMinute: number): number {
  return Math.ceil(60_000 / Math.max(1, callsPerMinute));
}

/** Waits for this connector's next call slot; resolves when the call may start. */
export async function waitForCallSlot(db: Database, connectorId: string, callsPerMinute: number, sleep: (ms: number) => Promise<void>): Promise<void> {
  const { waitMs } = await reserveCallSlot(db, `connector-calls:${connectorId}`, callSpacingMs(callsPerMinute));
  if (waitMs > 0) await sleep(waitMs);
}
