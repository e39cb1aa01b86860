import { z } from 'zod';
import { contentProblems } from './event-content';

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
  events: z.array(z.unknown())
    .min(1, { error: 'events must contain at least one event' })
    .max(MAX_EVENTS_PER_BATCH, { error: `events must contain at most ${MAX_EVENTS_PER_BATCH} events` }),
}, { error: 'the body must be a JSON object with an "events" array' });

const eventSchema = z.object({
  id: z.string().trim().min(1, { error: 'must not be empty' }).max(128).nullish(),
  userId: z.string({ error: 'is required and must be a string' }).trim().min(1, { error: 'must not be empty' }).max(256),
  email: z.string({ error: 'must be an email address' }).max(254, { error: 'must be at most 254 characters' })
    .pipe(z.email({ error: 'must be an email address' })).nullish(),
  type: z.string({ error: 'is required and must be a string' })
    .regex(EVENT_TYPE_PATTERN, { error: 'must start with a letter and use only letters, digits, _ . : - (at most 64)' }),
  timestamp: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time with a time zone, e.g. 2026-01-31T09:30:00Z' }),
  properties: z.record(z.string(), z.unknown(), { error: 'must be an object' }).nullish(),
}, { error: 'an event must be a JSON object' });

// Extra properties are kept: senders often attach context that custom reports can use later.
const propertySchemas: Record<BuiltInEventType, z.ZodType> = {
  login: z.looseObject({}),
  nps: z.looseObject({
    score: z.number({ error: 'is required and must be a number' }).int({ error: 'must be an integer' })
      .min(0, { error: 'must be from 0 to 10' }).max(10, { error: 'must be from 0 to 10' }),
  }),
  onboarding_task: z.looseObject({
    taskId: z.string({ error: 'is required and must be a string' }).trim().min(1, { error: 'must not be empty' }).max(200),
  }),
  course_progress: z.looseObject({
    courseId: z.string({ error: 'is required and must be a string' }).trim().min(1, { error: 'must not be empty' }).max(200),
    progress: z.number({ error: 'is required and must be a number' })
      .min(0, { error: 'must be from 0 to 100' }).max(100, { error: 'must be from 0 to 100' }),
    completed: z.boolean({ error: 'must be true or false' }).optional(),
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

export type EventValidation = { ok: true; event: ValidEvent } | { ok: false; message: string; problems: string[] };

const timestampSchema = eventSchema.shape.timestamp;

/** Checks one event; on failure it lists every problem found, each naming its field. */
export function validateEvent(raw: unknown, now: Date): EventValidation {
  const problems = contentProblems(raw);
  const base = eventSchema.safeParse(raw);
  if (!base.success) problems.push(...describeIssues(base.error, []));
  const fields = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  if (timestampSchema.safeParse(fields.timestamp).success) {
    const at = new Date(fields.timestamp as string).getTime();
    if (at < EARLIEST_TIMESTAMP) problems.push('timestamp: must be on or after 2000-01-01');
    if (at > now.getTime() + FUTURE_SLACK_MS) problems.push('timestamp: must not be more than a day in the future');
  }
  const typed = typeof fields.type === 'string' ? propertySchemas[fields.type as BuiltInEventType] : undefined;
  const rawProps = fields.properties ?? {};
  if (typed && rawProps && typeof rawProps === 'object' && !Array.isArray(rawProps)) {
    const checked = typed.safeParse(rawProps);
    if (!checked.success) problems.push(...describeIssues(checked.error, ['properties']));
  }
  if (problems.length > 0 || !base.success) return { ok: false, message: problems.join('; '), problems };
  const { id, userId, email, type, timestamp, properties } = base.data;
  return {
    ok: true,
    event: {
      clientId: id ?? null, userId, email: email ? email.toLowerCase() : null, type, timestamp, occurredAt: new Date(timestamp),
      properties: properties ?? {},
    },
  };
}

function describeIssues(error: z.ZodError, prefix: string[]): string[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path.map(String)].join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}
