import { z } from 'zod';
import { contentProblems } from './event-content';
import { problemsFromIssues, shownValue, type EventProblem } from './event-problems';

/** Most events one ingestion request may carry. */
export const MAX_EVENTS_PER_BATCH = 1000;

/** The event types whose properties the built-in reports read, and so are checked strictly. */
export const BUILT_IN_EVENT_TYPES = ['login', 'nps', 'onboarding_task', 'course_progress'] as const;
export type BuiltInEventType = (typeof BUILT_IN_EVENT_TYPES)[number];

/** Event types are identifiers, so custom reports can refer to them safely and readably. */
export const EVENT_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;

// Far-past dates are almost always a unit mistake (seconds sent as milliseconds, epoch zero); far-future
// ones would sit in every report forever. A day of slack covers clock skew between sender and server.
const EARLIEST_TIMESTAMP = Date.UTC(2000, 0, 1);
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

/** The request body's outer shape; each event is checked on its own afterwards. */
export const eventBatchSchema = z.object({
  events: z.array(z.unknown(), { error: 'The body must be a JSON object with an "events" array, like {"events": [...]}.' })
    .min(1, { error: 'Send at least one event in "events".' })
    .max(MAX_EVENTS_PER_BATCH, { error: `Send at most ${MAX_EVENTS_PER_BATCH.toLocaleString('en-US')} events per request; split the rest into more requests.` }),
}, { error: 'The body must be a JSON object with an "events" array, like {"events": [...]}.' });

// Each message says what the field must be; event-problems.ts makes it a sentence that names the field and
// the value found ("score must be a whole number from 0 to 10 (found 11).").
const atMost = (n: number) => ({ error: `at most ${n} characters` });
const USER_ID = { error: 'the end user\'s id in your product' };
const EMAIL = { error: 'an email address, like ana@example.com' };
const TYPE = { error: 'an event type that starts with a letter and uses only letters, digits and _ . : - (at most 64 characters), like login' };
const TIMESTAMP = { error: 'a date and time with a time zone, like 2026-01-31T09:30:00Z' };
const SCORE = { error: 'a whole number from 0 to 10' };
const PROGRESS = { error: 'a number from 0 to 100' };

const eventSchema = z.object({
  id: z.string({ error: 'text' }).trim().min(1, { error: 'your id for the event' }).max(128, atMost(128)).nullish(),
  userId: z.string(USER_ID).trim().min(1, USER_ID).max(256, atMost(256)),
  email: z.string(EMAIL).max(254, atMost(254)).pipe(z.email(EMAIL)).nullish(),
  type: z.string(TYPE).regex(EVENT_TYPE_PATTERN, TYPE),
  timestamp: z.iso.datetime({ offset: true, ...TIMESTAMP }),
  properties: z.record(z.string(), z.unknown(), { error: 'an object of named values' }).nullish(),
}, { error: 'a JSON object' });

// Extra properties are kept: senders often attach context that custom reports can use later.
const propertySchemas: Record<BuiltInEventType, z.ZodType> = {
  login: z.looseObject({}),
  nps: z.looseObject({
    score: z.number(SCORE).int(SCORE).min(0, SCORE).max(10, SCORE),
  }),
  onboarding_task: z.looseObject({
    taskId: z.string({ error: 'the task\'s id, like profile_completed' }).trim().min(1, { error: 'the task\'s id, like profile_completed' }).max(200, atMost(200)),
  }),
  course_progress: z.looseObject({
    courseId: z.string({ error: 'the course\'s id, like intro-101' }).trim().min(1, { error: 'the course\'s id, like intro-101' }).max(200, atMost(200)),
    progress: z.number(PROGRESS).min(0, PROGRESS).max(100, PROGRESS),
    completed: z.boolean({ error: 'true or false' }).optional(),
  }),
};

/** An event that passed validation, ready to be written. */
export interface ValidEvent {
  clientId: string | null;
  userId: string;
  email: string | null;
  type: string;
  /** The sender's ISO-8601 text, kept so sub-millisecond precision and offsets reach the database intact. */
  timestamp: string;
  occurredAt: Date;
  properties: Record<string, unknown>;
}

export type EventValidation = { ok: true; event: ValidEvent } | { ok: false; problems: EventProblem[] };

const timestampSchema = eventSchema.shape.timestamp;

/** Checks one event; on failure it lists every problem found, each naming its field and the value sent. */
export function validateEvent(raw: unknown, now: Date): EventValidation {
  const problems = contentProblems(raw);
  const base = eventSchema.safeParse(raw, { reportInput: true });
  if (!base.success) problems.push(...problemsFromIssues(base.error));
  const fields = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  if (timestampSchema.safeParse(fields.timestamp).success) {
    const at = new Date(fields.timestamp as string).getTime();
    const found = shownValue(fields.timestamp);
    if (at < EARLIEST_TIMESTAMP) problems.push({ path: ['timestamp'], says: 'must be on or after 1 January 2000', found });
    if (at > now.getTime() + FUTURE_SLACK_MS) problems.push({ path: ['timestamp'], says: 'must be at most a day in the future', found });
  }
  const typed = typeof fields.type === 'string' ? propertySchemas[fields.type as BuiltInEventType] : undefined;
  const rawProps = fields.properties ?? {};
  if (typed && rawProps && typeof rawProps === 'object' && !Array.isArray(rawProps)) {
    const checked = typed.safeParse(rawProps, { reportInput: true });
    if (!checked.success) problems.push(...problemsFromIssues(checked.error, ['properties']));
  }
  if (problems.length > 0 || !base.success) return { ok: false, problems };
  const { id, userId, email, type, timestamp, properties } = base.data;
  return {
    ok: true,
    event: {
      clientId: id ?? null, userId, email: email ? email.toLowerCase() : null, type, timestamp, occurredAt: new Date(timestamp),
      properties: properties ?? {},
    },
  };
}
