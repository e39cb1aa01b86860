import { describe, expect, it } from 'vitest';
import { validateEvent } from './event-schema';
import { csvColumnName, jsonFieldName, problemSentence } from './event-problems';
import { dropDuplicatesInBatch, parseEventBatch, validateEvents } from './ingest';

const now = new Date('2026-06-30T12:00:00Z');
const base = { userId: 'u1', type: 'login', timestamp: '2026-06-01T10:00:00Z' };
const message = (raw: unknown, naming = jsonFieldName) => {
  const result = validateEvent(raw, now);
  return result.ok ? 'ok' : result.problems.map((p) => problemSentence(p, naming)).join(' ');
};

describe('event validation', () => {
  it('accepts the built-in types with their properties and any identifier-like custom type', () => {
    expect(message(base)).toBe('ok');
    expect(message({ ...base, type: 'nps', properties: { score: 0 } })).toBe('ok');
    expect(message({ ...base, type: 'nps', properties: { score: 10, comment: 'great' } })).toBe('ok');
    expect(message({ ...base, type: 'onboarding_task', properties: { taskId: 'profile' } })).toBe('ok');
    expect(message({ ...base, type: 'course_progress', properties: { courseId: 'c', progress: 0 } })).toBe('ok');
    expect(message({ ...base, type: 'course_progress', properties: { courseId: 'c', progress: 99.5, completed: false } })).toBe('ok');
    expect(message({ ...base, type: 'Feature.used:v2', properties: { anything: [1, { x: 2 }] } })).toBe('ok');
    expect(message({ ...base, id: null, email: null, properties: null })).toBe('ok');
  });

  it('normalises: trimmed user id, lower-case email, timestamp kept as sent', () => {
    const result = validateEvent({ ...base, userId: ' u1 ', email: 'Ann@Example.COM', timestamp: '2026-06-01T12:00:00.123456+02:00' }, now);
    expect(result).toEqual({ ok: true, event: {
      clientId: null, userId: 'u1', email: 'ann@example.com', type: 'login', timestamp: '2026-06-01T12:00:00.123456+02:00',
      occurredAt: new Date('2026-06-01T10:00:00.123Z'), properties: {},
    } });
  });

  it('says in a sentence which field is wrong, what it must be and what was found', () => {
    expect(message({ ...base, type: 'nps', properties: { score: 11 } })).toBe('properties.score must be a whole number from 0 to 10 (found 11).');
    expect(message({ ...base, type: 'nps', properties: { score: 7.5 } })).toBe('properties.score must be a whole number from 0 to 10 (found 7.5).');
    expect(message({ ...base, type: 'nps', properties: { score: '9' } })).toBe('properties.score must be a whole number from 0 to 10 (found “9”).');
    expect(message({ ...base, type: 'nps' })).toBe('properties.score is missing; it must be a whole number from 0 to 10.');
    expect(message({ ...base, type: 'onboarding_task', properties: { taskId: '' } })).toBe('properties.taskId is missing; it must be the task\'s id, like profile_completed.');
    expect(message({ ...base, type: 'course_progress', properties: { courseId: 'c', progress: 101, completed: 'yes' } }))
      .toBe('properties.progress must be a number from 0 to 100 (found 101). properties.completed must be true or false (found “yes”).');
    expect(message({ ...base, type: 'course_progress', properties: { progress: 5 } })).toBe('properties.courseId is missing; it must be the course\'s id, like intro-101.');
    expect(message({ ...base, userId: undefined })).toBe('userId is missing; it must be the end user\'s id in your product.');
    expect(message({ ...base, userId: '   ' })).toBe('userId is missing; it must be the end user\'s id in your product.');
    expect(message({ ...base, userId: 'u'.repeat(300) })).toBe('userId must be at most 256 characters (found 300 characters).');
    expect(message({ ...base, email: 'nope' })).toBe('email must be an email address, like ana@example.com (found “nope”).');
    expect(message({ ...base, type: '1abc' })).toBe('type must be an event type that starts with a letter and uses only letters, digits and _ . : - (at most 64 characters), like login (found “1abc”).');
    expect(message({ ...base, type: "login'; --" })).toMatch(/^type must be an event type .* \(found “login'; --”\)\.$/);
    expect(message({ ...base, timestamp: '2026-06-01' })).toBe('timestamp must be a date and time with a time zone, like 2026-01-31T09:30:00Z (found “2026-06-01”).');
    expect(message({ ...base, timestamp: '2026-06-01T10:00:00' })).toMatch(/^timestamp must be a date and time with a time zone/);
    expect(message({ ...base, timestamp: '1970-01-01T00:00:00Z' })).toBe('timestamp must be on or after 1 January 2000 (found “1970-01-01T00:00:00Z”).');
    expect(message({ ...base, timestamp: '2026-07-02T00:00:00Z' })).toBe('timestamp must be at most a day in the future (found “2026-07-02T00:00:00Z”).');
    expect(message({ ...base, properties: [1, 2] })).toBe('properties must be an object of named values (found a list).');
    expect(message('login')).toBe('The event must be a JSON object (found “login”).');
    expect(message({ ...base, note: 'x'.repeat(10_001) })).toBe('note must be at most 10,000 characters (found 10,001 characters).');
  });

  it('names a property by its CSV column when the problem is shown for a file', () => {
    expect(message({ ...base, type: 'nps', properties: { score: 11 } }, csvColumnName)).toBe('score must be a whole number from 0 to 10 (found 11).');
    expect(message({ ...base, userId: '' }, csvColumnName)).toBe('userId is missing; it must be the end user\'s id in your product.');
    expect(message({ ...base, type: 'nps', properties: { score: 'x'.repeat(50) } }, csvColumnName))
      .toBe(`score must be a whole number from 0 to 10 (found “${'x'.repeat(40)}…”).`);
  });
});

describe('batches', () => {
  it('refuses a wrong outer shape as a whole', () => {
    expect(() => parseEventBatch(null)).toThrow('The body must be a JSON object with an "events" array, like {"events": [...]}.');
    expect(() => parseEventBatch({ event: [] })).toThrow('The body must be a JSON object with an "events" array, like {"events": [...]}.');
    expect(() => parseEventBatch({ events: [] })).toThrow('Send at least one event in "events".');
    expect(() => parseEventBatch({ events: Array(1001).fill(base) })).toThrow('Send at most 1,000 events per request; split the rest into more requests.');
    expect(parseEventBatch({ events: Array(1000).fill(base) })).toHaveLength(1000);
  });

  it('rejects single events by index and keeps the first of each repeated id', () => {
    const { valid, rejected } = validateEvents([
      { ...base, id: 'a' }, { ...base, type: 'nps' }, { ...base, id: 'a' }, { ...base, id: 'b' }, base, base,
    ], now);
    const sentence = 'properties.score is missing; it must be a whole number from 0 to 10.';
    expect(rejected).toEqual([{ index: 1, message: sentence, problems: [{ field: 'properties.score', message: sentence }] }]);
    const { unique, duplicates } = dropDuplicatesInBatch(valid);
    expect(unique.map((u) => u.index)).toEqual([0, 3, 4, 5]);
    expect(duplicates).toBe(1);
  });
});
