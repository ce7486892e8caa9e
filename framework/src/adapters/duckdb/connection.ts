/** The DuckDB connection: all I/O for the DuckDB adapter goes through here. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnType, Connection, QueryResult } from '../adapter.js';
import { userError } from '../../errors/strata-error.js';

/** BIGINT/HUGEINT come back as bigint; give numbers where they fit so JSON and charts work. */
function normaliseValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value;
  }
  if (Array.isArray(value)) return value.map(normaliseValue);
  return value;
}

/** Statements whose result is a count row (`Count`) rather than data. */
const DML = /^\s*(insert|update|delete|merge|create\s+(or\s+replace\s+)?(temp\s+|temporary\s+)?table|copy)\b/i;

export function wrapDuckDbConnection(raw: DuckDBConnection): Connection {
  return {
    async execute(sql: string, binds?: unknown[]): Promise<QueryResult> {
      let reader;
      try {
        reader = await raw.runAndReadAll(sql, binds as never);
      } catch (err) {
        throw userError('E_WAREHOUSE', (err as Error).message.trim(), {}, 1);
      }
      const names = reader.columnNames();
      const types = reader.columnTypes();
      const columns: ColumnType[] = names.map((name, i) => ({ name, type: types[i].toString() }));
      const rows = reader.getRowObjectsJS().map((row) => {
        const out: Record<string, unknown> = {};
        for (const key of names) out[key] = normaliseValue(row[key]);
        return out;
      });
      const result: QueryResult = { columns, rows };
      if (DML.test(sql)) {
        // CREATE TABLE AS reports its row count as a `Count` row rather than rowsChanged.
        const count = names.length === 1 && names[0] === 'Count' ? Number(rows[0]?.Count ?? 0) : 0;
        result.rowsAffected = Number(reader.rowsChanged) || count;
      }
      return result;
    },
    async close(): Promise<void> {
      raw.closeSync();
    },
  };
}
