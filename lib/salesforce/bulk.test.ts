import { describe, expect, it } from 'vitest';
import { bulkUpdate } from './bulk';
import type { OrgApi, RawAnswer } from './org-api';
import { DEFAULT_RETRY_POLICY } from './retry';

/**
 * A Bulk job Salesforce stopped part way (state Failed after two of three records), which the emulator cannot
 * be made to do: the answers are Salesforce's own shapes, replayed. Its counts leave a record unaccounted for,
 * so every result file is read.
 */
function partlyProcessedJob(): { api: OrgApi; asked: string[] } {
  const asked: string[] = [];
  const csv: Record<string, string> = {
    successfulResults: '"sf__Id","sf__Created","Id","Title"\n"00Q000000000001AAA","false","00Q000000000001AAA","A"\n',
    failedResults: '"sf__Id","sf__Error","Id","Title"\n"","STRING_TOO_LONG:Title: data value too large:Title --","00Q000000000002AAA","B"\n',
    unprocessedrecords: '"Id","Title"\n"00Q000000000003AAA","C"\n',
  };
  const api = {
    policy: { ...DEFAULT_RETRY_POLICY, sleep: async () => undefined },
    json: async (method: string, path: string) => {
      asked.push(`${method} ${path}`);
      if (method === 'POST') return { id: '750000000000001AAA', state: 'Open' };
      if (method === 'GET') return { id: '750000000000001AAA', state: 'Failed', errorMessage: 'InternalServerError', numberRecordsProcessed: 2, numberRecordsFailed: 1 };
      return {};
    },
    raw: async (method: string, path: string): Promise<RawAnswer> => {
      asked.push(`${method} ${path}`);
      return { body: csv[path.split('/').at(-1)!] ?? '', headers: {} };
    },
  };
  return { api: api as unknown as OrgApi, asked };
}

describe('bulkUpdate', () => {
  it('reads the successful and unprocessed results of a job whose counts do not cover every record', async () => {
    const { api, asked } = partlyProcessedJob();
    const results = await bulkUpdate(api, 'Lead', [
      { Id: '00Q000000000001AAA', Title: 'A' }, { Id: '00Q000000000002AAA', Title: 'B' }, { Id: '00Q000000000003AAA', Title: 'C' },
    ], { pollIntervalMs: 1 });
    expect(results.map((r) => [r.id, r.success, r.errors[0]?.code])).toEqual([
      ['00Q000000000001AAA', true, undefined], ['00Q000000000002AAA', false, 'STRING_TOO_LONG'], ['00Q000000000003AAA', false, 'UNPROCESSED'],
    ]);
    expect(results[2].errors[0].message).toContain('ended Failed: InternalServerError');
    expect(asked.filter((a) => /(Results|unprocessedrecords)$/.test(a))).toEqual([
      'GET /jobs/ingest/750000000000001AAA/failedResults', 'GET /jobs/ingest/750000000000001AAA/successfulResults', 'GET /jobs/ingest/750000000000001AAA/unprocessedrecords',
    ]);
  });
});
