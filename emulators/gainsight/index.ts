/**
 * The Gainsight emulator: a stand-alone HTTP server with an external-action receiver (`/v1/hooks/{name}`,
 * `accesskey` auth) and the Company/People REST endpoints with Gainsight's limits and answer shapes.
 * Importing this module has no side effects; call startGainsightEmulator().
 */
import { listenEmulator } from '../shared/listen';
import { requestListener, type GainsightLimits } from './http/server';
import { DEMO_ACCESS_KEY, GainsightStore, type GsRecord, type ReceivedCall } from './model/store';

export { DEMO_ACCESS_KEY };
export { MAX_RECORDS_PER_CALL } from './http/data-routes';
export type { GainsightLimits, GsRecord, ReceivedCall };

/** Options of startGainsightEmulator; all optional. */
export interface GainsightEmulatorOptions {
  port?: number;
  host?: string;
  /** Accepted access keys; default the demo key. */
  accessKeys?: string[];
  /** Calls per access key; default 100 a minute and 50,000 a day (Gainsight's). */
  limits?: Partial<GainsightLimits>;
  now?: () => number;
}

/** A running Gainsight emulator. */
export interface RunningGainsightEmulator {
  baseUrl: string;
  /** The receiver URL for an external action named `name`. */
  hookUrl(name: string): string;
  store: GainsightStore;
  close(): Promise<void>;
}

/** Starts the emulator and resolves once it listens. */
export async function startGainsightEmulator(options: GainsightEmulatorOptions = {}): Promise<RunningGainsightEmulator> {
  const store = new GainsightStore(options.accessKeys ?? [DEMO_ACCESS_KEY]);
  const limits: GainsightLimits = { perMinute: 100, perDay: 50_000, ...options.limits };
  const { baseUrl, close } = await listenEmulator(requestListener(store, limits, options.now ?? Date.now), options);
  return {
    baseUrl,
    hookUrl: (name) => `${baseUrl}/v1/hooks/${encodeURIComponent(name)}`,
    store,
    close,
  };
}
