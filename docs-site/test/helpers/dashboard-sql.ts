/** Run SQL against a fixture database and get plain numbers back (tests only). */
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';

export interface SqlClient {
  rows(sql: string): Promise<Record<string, unknown>[]>;
  /** First column of the first row, as a number (0 for NULL). */
  number(sql: string): Promise<number>;
  close(): void;
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  return value;
}

export async function openSql(path: string): Promise<SqlClient> {
  const instance = await DuckDBInstance.create(path, {
    access_mode: 'READ_ONLY',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const conn: DuckDBConnection = await instance.connect();
  const rows = async (sql: string) => {
    const reader = await conn.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
  };
  return {
    rows,
    async number(sql) {
      const [first] = await rows(sql);
      const value = first ? Object.values(first)[0] : null;
      return value === null || value === undefined ? 0 : Number(value);
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** SQL list literal for ids, or a predicate that is always true when the list is empty. */
export function inList(column: string, values: (number | string)[]): string {
  if (!values.length) return 'true';
  return `${column} in (${values.map((v) => (typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`)).join(', ')})`;
}
