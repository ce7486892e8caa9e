/**
 * Query-request answers in the JSON shape snowflake-sdk reads (SNOWFLAKE-S3-TESTING.md §1.2).
 * `returned` is mandatory (without it the driver's callback never fires); large results are
 * split into a first `rowset` plus chunks the driver downloads from `chunks[].url`.
 */
import { randomBytes } from 'node:crypto';
import type { StatementResult } from './copy-into.js';
import type { EmulatorSession } from './session.js';

/** Statement parameters sent with every result (formats the driver uses for toString()). */
export const RESULT_PARAMETERS = [
  { name: 'TIMEZONE', value: 'Etc/UTC' },
  { name: 'DATE_OUTPUT_FORMAT', value: 'YYYY-MM-DD' },
  { name: 'TIME_OUTPUT_FORMAT', value: 'HH24:MI:SS' },
  { name: 'TIMESTAMP_OUTPUT_FORMAT', value: 'YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM' },
  { name: 'TIMESTAMP_NTZ_OUTPUT_FORMAT', value: 'YYYY-MM-DD HH24:MI:SS.FF3' },
  { name: 'TIMESTAMP_LTZ_OUTPUT_FORMAT', value: '' },
  { name: 'TIMESTAMP_TZ_OUTPUT_FORMAT', value: '' },
  { name: 'CLIENT_SESSION_KEEP_ALIVE', value: false },
];

export interface ChunkSink {
  /** Keep a chunk body for the session; returns its download URL. */
  store(sessionId: number, body: string): string;
}

export interface ChunkingOptions {
  /** Rows sent inline in `rowset`. */
  firstRows: number;
  /** Rows per downloadable chunk. */
  chunkRows: number;
}

function sessionState(session: EmulatorSession): Record<string, unknown> {
  return {
    finalDatabaseName: session.database,
    finalSchemaName: session.schema,
    finalWarehouseName: session.warehouse,
    finalRoleName: session.role,
  };
}

/** A successful row result, chunked when larger than `options.firstRows`. */
export function rowsResponse(
  session: EmulatorSession,
  queryId: string,
  result: StatementResult,
  chunks: ChunkSink,
  options: ChunkingOptions,
): Record<string, unknown> {
  const total = result.rows.length;
  const data: Record<string, unknown> = {
    queryId,
    parameters: RESULT_PARAMETERS,
    rowtype: result.rowtype,
    rowset: result.rows.slice(0, options.firstRows),
    total,
    returned: total,
    statementTypeId: result.statementTypeId,
    queryResultFormat: 'json',
    version: 1,
    queryContext: null,
    ...sessionState(session),
  };
  if (total > options.firstRows) {
    const list: { url: string; rowCount: number; uncompressedSize: number }[] = [];
    for (let start = options.firstRows; start < total; start += options.chunkRows) {
      // A chunk body is the rows' JSON without the enclosing brackets.
      const body = result.rows.slice(start, start + options.chunkRows).map((row) => JSON.stringify(row)).join(',');
      list.push({ url: chunks.store(session.id, body), rowCount: Math.min(options.chunkRows, total - start), uncompressedSize: body.length });
    }
    data.chunks = list;
    data.chunkHeaders = {};
  }
  return { success: true, code: null, message: null, data };
}

/** PUT: upload instructions; the driver builds the result rows itself after copying. */
export function uploadResponse(queryId: string, upload: Record<string, unknown>): Record<string, unknown> {
  return { success: true, code: null, message: null, data: { ...upload, queryId, parameters: [], rowtype: [], rowset: [], returned: 0, total: 0 } };
}

/** The answer to `asyncExec: true`: "still running", with where to fetch the result later. */
export function asyncAcceptedResponse(queryId: string): Record<string, unknown> {
  return {
    success: true,
    code: '333334',
    message: 'Asynchronous execution in progress. Use provided query id to perform query monitoring and management.',
    data: { queryId, getResultUrl: `/queries/${queryId}/result` },
  };
}

/** Random, unguessable ids for queries and chunk URLs. */
export function newQueryId(): string {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
