import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createTestDatabase } from '@/db/testing';
import { csvCell, exportReportCsv } from './csv-export';
import { createCustomReport } from './custom-reports';
import { createInsightsWorkspace, ingestForTest } from './testing';

describe('CSV cells', () => {
  it('writes dates as ISO-8601 UTC, nothing for no value, numbers and booleans as they are', () => {
    expect(csvCell(new Date('2026-11-01T08:00:00Z'))).toBe('2026-11-01T08:00:00.000Z');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(true)).toBe('true');
    expect(csvCell('ada@acme.test')).toBe('ada@acme.test');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    for (const text of ['=HYPERLINK("http://evil.example")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(csvCell(text)).toBe(`'${text}`);
    }
  });
});

describe('CSV export of a custom report', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => { handle = await createTestDatabase('pglite'); });
  afterAll(async () => { await handle.close(); });

  it('defuses a column name that a spreadsheet would run as a formula, in the header row too', async () => {
    const ws = await createInsightsWorkspace(handle.db);
    await ingestForTest(handle.db, ws, [{ userId: '=cmd', type: 'login', timestamp: '2026-06-01T00:00:00Z' }]);
    const report = await createCustomReport(handle.db, ws, {
      name: 'Formulas', keyColumn: 'User', columns: [
        { kind: 'field', label: 'User', field: 'userId' },
        { kind: 'count', label: '=HYPERLINK("https://evil.example","Open")', eventType: 'login' },
      ],
    });
    const { stream } = await exportReportCsv(handle.db, ws, report.id, { asOf: new Date('2026-07-01T00:00:00Z') });
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    const [header, row] = text.trim().split('\n');
    expect(header).toBe(`User,"'=HYPERLINK(""https://evil.example"",""Open"")"`);
    expect(row).toBe("'=cmd,1");
  });
});
