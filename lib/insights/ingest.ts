import type { Database } from '@/db/client';
import { insertEventBatch } from '@/db/queries/insights-events';
import { AppError } from '@/lib/errors';
import { eventBatchSchema, validateEvent, type ValidEvent } from './event-schema';
import { jsonFieldName, problemSentence } from './event-problems';

/** One event that was refused, by its position in the request (0-based). */
export interface RejectedEvent {
  index: number;
  /** Every problem as sentences for people, e.g. "properties.score must be a whole number from 0 to 10 (found 11)." */
  message: string;
  /** Every problem of the event: the field's path (`properties.score`, empty for the whole event) and its sentence. */
  problems: Array<{ field: string; message: string }>;
}

/** What an ingestion request did: stored, skipped as already seen, refused. */
export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: RejectedEvent[];
}

/** An event that passed validation, with its position in the request. */
export interface IndexedEvent {
  index: number;
  event: ValidEvent;
}

/** Reads the outer `{ "events": [...] }` shape; a wrong shape fails the whole request. */
export function parseEventBatch(body: unknown): unknown[] {
  const parsed = eventBatchSchema.safeParse(body);
  if (!parsed.success) {
    throw new AppError('VALIDATION', parsed.error.issues[0].message);
  }
  return parsed.data.events;
}

/** Validates each event on its own, so one bad event does not sink its batch. */
export function validateEvents(rawEvents: unknown[], now: Date): { valid: IndexedEvent[]; rejected: RejectedEvent[] } {
  const valid: IndexedEvent[] = [];
  const rejected: RejectedEvent[] = [];
  rawEvents.forEach((raw, index) => {
    const checked = validateEvent(raw, now);
    if (checked.ok) valid.push({ index, event: checked.event });
    else {
      const problems = checked.problems.map((p) => ({ field: p.path.join('.'), message: problemSentence(p, jsonFieldName) }));
      rejected.push({ index, message: problems.map((p) => p.message).join(' '), problems });
    }
  });
  return { valid, rejected };
}

/** Keeps the first event of each client id; later ones in the same batch are duplicates. */
export function dropDuplicatesInBatch(events: IndexedEvent[]): { unique: IndexedEvent[]; duplicates: number } {
  const seen = new Set<string>();
  const unique: IndexedEvent[] = [];
  for (const item of events) {
    const id = item.event.clientId;
    if (id !== null) {
      if (seen.has(id)) continue;
      seen.add(id);
    }
    unique.push(item);
  }
  return { unique, duplicates: events.length - unique.length };
}

/**
 * Writes validated events (any number; the caller sizes batches) and counts duplicates: repeated ids within
 * the list and ids the workspace already holds.
 */
export async function storeValidEvents(db: Database, workspaceId: string, events: IndexedEvent[]): Promise<{ accepted: number; duplicates: number }> {
  const { unique, duplicates } = dropDuplicatesInBatch(events);
  const accepted = await insertEventBatch(db, workspaceId, unique.map(({ event }) => ({
    clientId: event.clientId, userId: event.userId, email: event.email, type: event.type,
    timestamp: event.timestamp, properties: event.properties,
  })));
  return { accepted, duplicates: duplicates + (unique.length - accepted) };
}

/** Validates and stores one ingestion request body for a workspace. Throws BAD_REQUEST for a wrong outer shape. */
export async function ingestEvents(db: Database, workspaceId: string, body: unknown, now: Date = new Date()): Promise<IngestResult> {
  const rawEvents = parseEventBatch(body);
  const { valid, rejected } = validateEvents(rawEvents, now);
  const { accepted, duplicates } = await storeValidEvents(db, workspaceId, valid);
  return { accepted, duplicates, rejected };
}
