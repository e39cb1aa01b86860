/**
 * The jsforce implementation of SalesforceClient. Built by createSalesforceClient over getConnection, so
 * session renewals are serialised and persisted and a refused renewal marks the account "needs reconnect"
 * (ReconnectNeededError). Safe in any process: nothing here is `server-only`.
 */
import type { Connection, HttpRequest } from 'jsforce';
import type { Database } from '@/db/client';
import { bulkQuery, bulkUpdate, type BulkOptions } from './bulk';
import type {
  ApiUsage, NewCustomField, RecordUpdate, SalesforceClient, SalesforceRecord, SObjectDescribe, SObjectSummary, WriteResult,
} from './client';
import { getConnection } from './connection';
import { toSObjectDescribe, toSObjectSummary, type RawDescribeObject } from './describe-map';
import { OrgApi } from './org-api';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import { retryLockedRows } from './row-retry';
import { encodeSoql } from './soql-uri';
import type { SalesforceSettings } from './settings';
import { createCustomField } from './tooling';
import { ObservedTransport } from './transport';

/** Tuning for tests and benchmarks; production uses the defaults. */
export interface SalesforceClientOptions {
  retry?: Partial<RetryPolicy>;
  bulk?: Partial<BulkOptions>;
}

/** sObject Collections' limit per call. */
export const COLLECTION_LIMIT = 200;

type QueryPage = { done: boolean; nextRecordsUrl?: string; records: Array<Record<string, unknown>> };

/** Drops the `attributes` jsforce and Salesforce put on every record. */
function plain(record: Record<string, unknown>): SalesforceRecord {
  const { attributes: _attributes, ...fields } = record;
  return fields as SalesforceRecord;
}

type CollectionAnswer = Array<{ id?: string | null; success: boolean; errors?: Array<{ statusCode: string; message: string; fields?: string[] }> }>;

/** SalesforceClient over one jsforce Connection; see the file comment. */
export class JsforceSalesforceClient implements SalesforceClient {
  private calls = 0;
  private readonly api: OrgApi;
  private readonly bulkOptions: Partial<BulkOptions>;

  constructor(private readonly conn: Connection, options: SalesforceClientOptions = {}) {
    const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.bulkOptions = options.bulk ?? {};
    conn._transport = new ObservedTransport({
      onRequest: (_request: HttpRequest) => { this.calls++; },
      onResponse: () => undefined,
      // jsforce's Connection reads the header only for its own REST calls; keep it current for Bulk calls too.
      onApiUsage: (usage) => { conn.limitInfo = { apiUsage: { used: usage.used, limit: usage.max } }; },
    });
    this.api = new OrgApi(conn, policy);
  }

  async describeGlobal(): Promise<SObjectSummary[]> {
    const answer = await this.api.json<{ sobjects: RawDescribeObject[] }>('GET', '/sobjects');
    return answer.sobjects.map(toSObjectSummary);
  }

  async describe(objectName: string): Promise<SObjectDescribe> {
    return toSObjectDescribe(await this.api.json<RawDescribeObject>('GET', `/sobjects/${encodeURIComponent(objectName)}/describe`));
  }

  async *query(soql: string): AsyncIterable<SalesforceRecord[]> {
    let page = await this.api.json<QueryPage>('GET', `/query?q=${encodeSoql(soql)}`);
    for (;;) {
      if (page.records.length) yield page.records.map(plain);
      if (page.done || !page.nextRecordsUrl) return;
      // nextRecordsUrl is `/services/data/vNN.0/query/<locator>`: rebased on the instance URL.
      page = await this.api.json<QueryPage>('GET', `${this.conn.instanceUrl}${page.nextRecordsUrl}`);
    }
  }

  bulkQuery(soql: string): AsyncIterable<SalesforceRecord[]> {
    return bulkQuery(this.api, soql, this.bulkOptions);
  }

  async updateCollection(objectName: string, records: RecordUpdate[]): Promise<WriteResult[]> {
    if (records.length > COLLECTION_LIMIT) throw new RangeError(`sObject Collections take at most ${COLLECTION_LIMIT} records a call, not ${records.length}.`);
    if (records.length === 0) return [];
    return retryLockedRows(records, this.api.policy, async (batch) => {
      const answer = await this.api.json<CollectionAnswer>('PATCH', '/composite/sobjects', {
        allOrNone: false,
        records: batch.map(({ Id, ...fields }) => ({ attributes: { type: objectName }, id: Id, ...fields })),
      });
      return answer.map((row, i) => ({
        id: row.id ?? batch[i].Id,
        success: row.success,
        errors: (row.errors ?? []).map((e) => ({ code: e.statusCode, message: e.message, fields: e.fields ?? [] })),
      }));
    });
  }

  bulkUpdate(objectName: string, records: RecordUpdate[]): Promise<WriteResult[]> {
    return bulkUpdate(this.api, objectName, records, this.bulkOptions);
  }

  createCustomField(field: NewCustomField): Promise<{ fullName: string }> {
    return createCustomField(this.api, field);
  }

  apiUsage(): ApiUsage | undefined {
    const usage = this.conn.limitInfo?.apiUsage;
    return usage ? { used: usage.used, max: usage.limit } : undefined;
  }

  callCount(): number {
    return this.calls;
  }
}

/**
 * The SalesforceClient of a workspace's connected account. Throws NOT_FOUND for another workspace's account
 * and CONFLICT when the account needs reconnecting.
 */
export async function createSalesforceClient(
  db: Database, settings: SalesforceSettings, workspaceId: string, accountId: string, options: SalesforceClientOptions = {},
): Promise<SalesforceClient> {
  return new JsforceSalesforceClient(await getConnection(db, settings, workspaceId, accountId), options);
}
