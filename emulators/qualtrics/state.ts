/**
 * What the Qualtrics emulator knows: API users (username + token), JSON event triggers (one per workflow),
 * and every event it accepted, kept for inspection through the control API.
 */
import crypto from 'node:crypto';

/** A Qualtrics user who may call the API. */
export interface QualtricsUser {
  username: string;
  apiToken: string;
}

/** A workflow's JSON event trigger: the ids its URL carries, and what the last call sent. */
export interface JsonEventTrigger {
  urlTokenId: string;
  /** Ids of the older URL form (`contextId, userId, brandId, triggerId`). */
  legacy?: { contextId: string; userId: string; brandId: string; triggerId: string };
  workflowName: string;
  /** The "JSON captured from most recent test". */
  lastCapture: { at: string; body: unknown } | null;
}

/** One accepted call, as received. */
export interface ReceivedEvent {
  eventId: string;
  requestId: string;
  urlTokenId: string;
  receivedAt: string;
  /** How the caller authenticated, and as whom. */
  auth: { scheme: 'basic' | 'x-api-token'; username: string };
  /** The Authorization (or X-API-TOKEN) header exactly as sent, so tests can check what the client built. */
  authorizationHeader: string;
  contentType: string;
  /** The Idempotency-Key the caller sent, if any: a later call with the same key (and trigger) is a repeat. */
  idempotencyKey: string | null;
  body: unknown;
}

/** A forced answer for the next calls (a fault). */
export interface ForcedAnswer {
  status: number;
  remaining: number;
  retryAfterSeconds?: number;
}

export const DEMO_QUALTRICS_USER: QualtricsUser = { username: 'demo@qualtrics.demo', apiToken: 'demoQualtricsApiToken0001' };
export const DEMO_URL_TOKEN_ID = 'urlToken_DemoNpsDetractorFollowUp';

/** Qualtrics-style ids: a prefix and random characters. */
export function qualtricsId(prefix: string): string {
  return `${prefix}_${crypto.randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 15)}`;
}

/** The emulator's state; a plain object so the control API and the HTTP routes share it. */
export class QualtricsState {
  users: QualtricsUser[] = [];
  triggers = new Map<string, JsonEventTrigger>();
  events: ReceivedEvent[] = [];
  forced: ForcedAnswer[] = [];
  /** Calls refused with 429 by the rate limit (not forced faults), as they came. */
  rateLimited: Array<{ at: string; urlTokenId: string }> = [];
  /** Repeats answered from an earlier call's Idempotency-Key, not stored again. */
  replays = 0;
  /** How long an answer waits after the event was stored (a slow network; tests crash a caller in this gap). */
  answerDelayMs = 0;

  constructor(readonly initial: { users: QualtricsUser[]; triggers: Array<Pick<JsonEventTrigger, 'urlTokenId' | 'workflowName' | 'legacy'>> }) {
    this.reset();
  }

  reset(): void {
    this.users = this.initial.users.map((u) => ({ ...u }));
    this.triggers = new Map(this.initial.triggers.map((t) => [t.urlTokenId, { ...t, lastCapture: null }]));
    this.events = [];
    this.forced = [];
    this.rateLimited = [];
    this.replays = 0;
    this.answerDelayMs = 0;
  }

  /** The stored event of an earlier call with this Idempotency-Key to this trigger. */
  findRepeat(urlTokenId: string, idempotencyKey: string): ReceivedEvent | undefined {
    return this.events.find((e) => e.urlTokenId === urlTokenId && e.idempotencyKey === idempotencyKey);
  }

  /** Waits answerDelayMs, if set. */
  async delayAnswer(): Promise<void> {
    if (this.answerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.answerDelayMs));
  }

  addTrigger(input: { workflowName: string; urlTokenId?: string; legacy?: boolean }): JsonEventTrigger {
    const urlTokenId = input.urlTokenId ?? qualtricsId('urlToken');
    const trigger: JsonEventTrigger = {
      urlTokenId, workflowName: input.workflowName, lastCapture: null,
      legacy: input.legacy ? { contextId: qualtricsId('SV'), userId: qualtricsId('UR'), brandId: 'demobrand', triggerId: qualtricsId('OC') } : undefined,
    };
    this.triggers.set(urlTokenId, trigger);
    return trigger;
  }

  /** Finds the trigger a URL's query names, in either form. */
  findTrigger(params: URLSearchParams): JsonEventTrigger | undefined {
    const token = params.get('urlTokenId');
    if (token) return this.triggers.get(token);
    const triggerId = params.get('triggerId');
    if (!triggerId) return undefined;
    return [...this.triggers.values()].find((t) => t.legacy?.triggerId === triggerId
      && t.legacy.contextId === params.get('contextId') && t.legacy.userId === params.get('userId') && t.legacy.brandId === params.get('brandId'));
  }

  /** Takes one forced answer, if any is pending. */
  takeForced(): ForcedAnswer | undefined {
    const next = this.forced[0];
    if (!next) return undefined;
    next.remaining -= 1;
    if (next.remaining <= 0) this.forced.shift();
    return next;
  }
}
