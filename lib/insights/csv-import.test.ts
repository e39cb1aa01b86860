import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase, testDatabaseKinds } from '@/db/testing';
import { countEvents } from '@/db/queries/insights-events';
import { csvRecordToEvent, importEventsCsv } from './csv-import';
import { previewReport } from './report-rows';
import { createInsightsWorkspace } from './testing';

const now = new Date('2026-07-01T00:00:00Z');
const asOf = new Date('2026-06-30T12:00:00Z');

describe('csvRecordToEvent', () => {
  it('types the properties the built-in reports read and keeps other cells as text', () => {
    expect(csvRecordToEvent({ userId: 'u', type: 'nps', timestamp: 't', score: '9', comment: '42', email: '' }))
      .toEqual({ userId: 'u', type: 'nps', timestamp: 't', properties: { score: 9, comment: '42' } });
    expect(csvRecordToEvent({ userId: 'u', type: 'course_progress', timestamp: 't', courseId: 'c1', progress: '55.5', completed: 'TRUE' }))
      .toEqual({ userId: 'u', type: 'course_progress', timestamp: 't', properties: { courseId: 'c1', progress: 55.5, completed: true } });
    expect(csvRecordToEvent({ userId: 'u', type: 'feature_used', timestamp: 't', count: '3', id: 'e1' }))
      .toEqual({ userId: 'u', type: 'feature_used', timestamp: 't', id: 'e1', properties: { count: '3' } });
  });
});

describe.each(testDatabaseKinds)('CSV import on %s', (kind) => {
  let handle: DatabaseHandle;
  beforeAll(async () => { handle = await createTestDatabase(kind); });
  afterAll(async () => { await handle.close(); });

  it('imports good lines and reports bad ones by line number, writing nothing of a bad line', async () => {
    const ws = await createInsightsWorkspace(handle.db);
    const csv = [
      'userId,email,type,timestamp,id,score,taskId,note', // line 1
      'u1,u1@example.com,nps,2026-06-01T00:00:00Z,e1,9,,', // 2
      'u2,,nps,2026-06-01T00:00:00Z,e2,eleven,,', // 3: score not a number
      'u3,,login,not-a-date,,,,', // 4
      '', // 5: blank, skipped
      'u4,,onboarding_task,2026-06-02T00:00:00Z,,,,"multi', // 6-7: a quoted note over two lines
      'line note"',
      'u5,,nps,2026-06-03T00:00:00Z,,11,,', // 8: out of range
      'u6,,login,2026-06-03T00:00:00Z', // 9: too few fields
      'u1,,nps,2026-06-04T00:00:00Z,e1,3,,', // 10: duplicate id of line 2
      ',,login,2026-06-03T00:00:00Z,,,,', // 11: no user id
      'u7,u7@example.com,login,2026-06-05T00:00:00+02:00,,,,', // 12
    ].join('\r\n');
    const result = await importEventsCsv(handle.db, ws, csv, now);
    expect(result.accepted).toBe(2);
    expect(result.duplicates).toBe(1);
    expect(result.rejected.map((r) => r.line)).toEqual([3, 4, 6, 8, 9, 11]);
    expect(result.rejected.map((r) => r.message)).toEqual([
      'Line 3: score must be a whole number from 0 to 10 (found “eleven”).',
      'Line 4: timestamp must be a date and time with a time zone, like 2026-01-31T09:30:00Z (found “not-a-date”).',
      'Line 6: taskId is missing; it must be the task\'s id, like profile_completed.',
      'Line 8: score must be a whole number from 0 to 10 (found 11).',
      'Line 9: it has 4 cells but the header names 8 columns. Add the missing cells (empty ones too, with commas), or check for a missing comma.',
      'Line 11: userId is missing; it must be the end user\'s id in your product.',
    ]);
    expect(await countEvents(handle.db, ws)).toBe(2);
    const nps = await previewReport(handle.db, ws, 'nps', { asOf });
    expect(nps.rows).toEqual([expect.objectContaining({ 'User ID': 'u1', Email: 'u1@example.com', 'NPS Score': 9, 'NPS Responses': 1 })]);
    const logins = await previewReport(handle.db, ws, 'logins-review', { asOf });
    expect(logins.rows).toEqual([expect.objectContaining({ 'User ID': 'u7', 'First Login': new Date('2026-06-04T22:00:00Z') })]);
  });

  it('streams large files in batches of 1,000 and reports line numbers past the first batch', async () => {
    const ws = await createInsightsWorkspace(handle.db);
    async function* lines() {
      yield 'userId,type,timestamp,courseId,progress,completed\n';
      for (let i = 0; i < 2500; i++) {
        const progress = i === 2100 ? 'half' : String(i % 101);
        yield `u${i % 300},course_progress,2026-06-01T00:00:00Z,c${i % 7},${progress},${i % 101 === 100 ? 'yes' : 'no'}\n`;
      }
    }
    const result = await importEventsCsv(handle.db, ws, Readable.from(lines()), now);
    expect(result).toEqual({ accepted: 2499, duplicates: 0, rejected: [{ line: 2102, message: 'Line 2102: progress must be a number from 0 to 100 (found “half”).' }], rejectedTotal: 1 });
    expect(await countEvents(handle.db, ws)).toBe(2499);
  });

  it('keeps only the earliest rejected lines when asked, and still counts them all', async () => {
    const ws = await createInsightsWorkspace(handle.db);
    const csv = ['userId,type,timestamp', ...Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? `u${i},login,2026-06-01T00:00:00Z` : `u${i},login,soon`))].join('\n');
    const result = await importEventsCsv(handle.db, ws, csv, now, { keepRejected: 5 });
    expect(result.accepted).toBe(1000);
    expect(result.rejectedTotal).toBe(2000);
    expect(result.rejected.map((r) => r.line)).toEqual([3, 4, 6, 7, 9]);
  });

  it('counts a line with a stray quote once and still imports the lines after it', async () => {
    const ws = await createInsightsWorkspace(handle.db, {}, 'Quotes');
    const csv = 'userId,type,timestamp\nq1,"lo"gin,2026-06-01T00:00:00Z\nq2,login,2026-06-01T00:00:00Z\n';
    const result = await importEventsCsv(handle.db, ws, csv, now);
    expect(result).toMatchObject({ accepted: 1, rejectedTotal: 1, rejected: [{ line: 2, message: expect.stringMatching(/^Line 2: type must be an event type .*\(found “"lo"gin”\)\.$/) }] });
  });

  it('says how to fix a line with too many cells and a quote that is never closed', async () => {
    const ws = await createInsightsWorkspace(handle.db, {}, 'Cells');
    const csv = 'userId,type,timestamp\nc1,login,2026-06-01T00:00:00Z,extra\nc2,login,2026-06-01T00:00:00Z\n"c3,login,2026-06-01T00:00:00Z\n';
    const result = await importEventsCsv(handle.db, ws, csv, now);
    expect(result.accepted).toBe(1);
    expect(result.rejected).toEqual([
      { line: 2, message: 'Line 2: it has 4 cells but the header names 3 columns. Remove the extra cells, or put quotes around a value that contains a comma.' },
      { line: 4, message: 'Line 4: a quote opened here is never closed. Close it with a second ", or remove it.' },
    ]);
  });

  it('refuses a file whose header lacks required columns', async () => {
    const ws = await createInsightsWorkspace(handle.db);
    await expect(importEventsCsv(handle.db, ws, 'user,type,when\nu1,login,2026-06-01T00:00:00Z\n', now)).rejects.toMatchObject({
      code: 'VALIDATION', message: 'Line 1: the header has no userId or timestamp column. Add them: every file needs the columns userId, type and timestamp, spelled as here.',
    });
    await expect(importEventsCsv(handle.db, ws, 'userId,type\n', now)).rejects.toMatchObject({
      message: 'Line 1: the header has no timestamp column. Add it: every file needs the columns userId, type and timestamp, spelled as here.',
    });
    await expect(importEventsCsv(handle.db, ws, 'userId,type,timestamp,type\n', now)).rejects.toMatchObject({
      code: 'VALIDATION', message: 'Line 1: the header names the column type twice. Keep one of them.',
    });
    expect(await countEvents(handle.db, ws)).toBe(0);
  });
});
