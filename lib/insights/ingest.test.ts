import { describe, expect, it } from 'vitest';
import { validateEvent } from './event-schema';
import { dropDuplicatesInBatch, parseEventBatch, validateEvents } from './ingest';

const now = new Date('2026-06-30T12:00:00Z');
const base = { userId: 'u1', type: 'login', timestamp: '2026-06-01T10:00:00Z' };
const message = (raw: unknown) => {
  const result = validateEvent(raw, now);
  return result.ok ? 'ok' : result.message;
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

  it('names the field and the problem', () => {
    expect(message({ ...base, type: 'nps', properties: { score: 11 } })).toBe('properties.score: must be from 0 to 10');
    expect(message({ ...base, type: 'nps', properties: { score: 7.5 } })).toBe('properties.score: must be an integer');
    expect(message({ ...base, type: 'nps', properties: { score: '9' } })).toBe('properties.score: is required and must be a number');
    expect(message({ ...base, type: 'nps' })).toBe('properties.score: is required and must be a number');
    expect(message({ ...base, type: 'onboarding_task', properties: { taskId: '' } })).toBe('properties.taskId: must not be empty');
    expect(message({ ...base, type: 'course_progress', properties: { courseId: 'c', progress: 101, completed: 'yes' } }))
      .toBe('properties.progress: must be from 0 to 100; properties.completed: must be true or false');
    expect(message({ ...base, type: 'course_progress', properties: { progress: 5 } })).toBe('properties.courseId: is required and must be a string');
    expect(message({ ...base, userId: undefined })).toBe('userId: is required and must be a string');
    expect(message({ ...base, userId: '   ' })).toBe('userId: must not be empty');
    expect(message({ ...base, email: 'nope' })).toBe('email: must be an email address');
    expect(message({ ...base, type: '1abc' })).toMatch(/^type: must start with a letter/);
    expect(message({ ...base, type: "login'; --" })).toMatch(/^type: /);
    expect(message({ ...base, timestamp: '2026-06-01' })).toMatch(/^timestamp: must be an ISO-8601 date-time with a time zone/);
    expect(message({ ...base, timestamp: '2026-06-01T10:00:00' })).toMatch(/^timestamp: must be an ISO-8601/);
    expect(message({ ...base, timestamp: '1970-01-01T00:00:00Z' })).toBe('timestamp: must be on or after 2000-01-01');
    expect(message({ ...base, timestamp: '2026-07-02T00:00:00Z' })).toBe('timestamp: must not be more than a day in the future');
    expect(message({ ...base, properties: [1, 2] })).toBe('properties: must be an object');
    expect(message('login')).toBe('an event must be a JSON object');
  });
});

describe('batches', () => {
  it('refuses a wrong outer shape as a whole', () => {
    expect(() => parseEventBatch(null)).toThrow(/"events" array/);
    expect(() => parseEventBatch({ event: [] })).toThrow(/events/);
    expect(() => parseEventBatch({ events: Array(1001).fill(base) })).toThrow(/at most 1000/);
    expect(parseEventBatch({ events: Array(1000).fill(base) })).toHaveLength(1000);
  });

  it('rejects single events by index and keeps the first of each repeated id', () => {
    const { valid, rejected } = validateEvents([
      { ...base, id: 'a' }, { ...base, type: 'nps' }, { ...base, id: 'a' }, { ...base, id: 'b' }, base, base,
    ], now);
    expect(rejected).toEqual([{ index: 1, message: 'properties.score: is required and must be a number', problems: ['properties.score: is required and must be a number'] }]);
    const { unique, duplicates } = dropDuplicatesInBatch(valid);
    expect(unique.map((u) => u.index)).toEqual([0, 3, 4, 5]);
    expect(duplicates).toBe(1);
  });
});
