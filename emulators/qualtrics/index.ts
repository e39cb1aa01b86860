/**
 * The Qualtrics emulator: a stand-alone HTTP server with the workflow JSON event endpoint (Basic or
 * X-API-TOKEN auth, 202 with eventId and requestId, 100 KB and 3,000-calls-a-minute limits) and a control
 * API that shows what it received. Importing this module has no side effects; call startQualtricsEmulator().
 */
import { listenEmulator } from '../shared/listen';
import { EVENT_PATH, MAX_EVENT_BYTES, requestListener } from './http/server';
import { DEMO_QUALTRICS_USER, DEMO_URL_TOKEN_ID, QualtricsState, type JsonEventTrigger, type QualtricsUser, type ReceivedEvent } from './state';

export { DEMO_QUALTRICS_USER, DEMO_URL_TOKEN_ID, EVENT_PATH, MAX_EVENT_BYTES };
export type { JsonEventTrigger, QualtricsUser, ReceivedEvent };

/** Options of startQualtricsEmulator; all optional. */
export interface QualtricsEmulatorOptions {
  /** Port; 0 (default) picks a free one. */
  port?: number;
  /** Interface; default 127.0.0.1. */
  host?: string;
  /** API users; default the demo user. */
  users?: QualtricsUser[];
  /** Triggers known at start; default one demo workflow ("NPS detractor follow-up"). */
  triggers?: Array<{ urlTokenId: string; workflowName: string }>;
  /** Calls per minute per trigger; default 3,000 (Qualtrics'). */
  callsPerMinute?: number;
  /** The limit's window in seconds, when not a minute (then callsPerMinute counts calls per this window). */
  limitWindowSeconds?: number;
  /** Clock, for receivedAt; default Date.now. */
  now?: () => number;
}

/** A running Qualtrics emulator. */
export interface RunningQualtricsEmulator {
  baseUrl: string;
  /** The JSON event URL of a trigger, as a workflow shows it. */
  eventUrl(urlTokenId?: string): string;
  /** In-process inspection and control (the same as the HTTP control API under /__emulator). */
  state: QualtricsState;
  close(): Promise<void>;
}

/** Starts the emulator and resolves once it listens. */
export async function startQualtricsEmulator(options: QualtricsEmulatorOptions = {}): Promise<RunningQualtricsEmulator> {
  const state = new QualtricsState({
    users: options.users ?? [DEMO_QUALTRICS_USER],
    triggers: options.triggers ?? [{ urlTokenId: DEMO_URL_TOKEN_ID, workflowName: 'NPS detractor follow-up' }],
  });
  const { baseUrl, close } = await listenEmulator(requestListener(state, {
    calls: options.callsPerMinute ?? 3000, windowSeconds: options.limitWindowSeconds ?? 60, maxEventBytes: MAX_EVENT_BYTES,
  }, options.now ?? Date.now), options);
  return {
    baseUrl,
    eventUrl: (urlTokenId = DEMO_URL_TOKEN_ID) => `${baseUrl}${EVENT_PATH}?urlTokenId=${encodeURIComponent(urlTokenId)}`,
    state,
    close,
  };
}
