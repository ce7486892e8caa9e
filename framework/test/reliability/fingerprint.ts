/**
 * Content fingerprints of a DuckDB database, one per relation, to tell "unchanged", "previous
 * complete version" and "new complete version" apart. A table's fingerprint is its columns, row
 * count and an order-independent sum of row hashes; a view's is its stored definition.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

/** `schema.name` -> fingerprint, for every non-internal table and view. */
export type Fingerprint = Record<string, string>;

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** Open the file read-only (never writes, never checkpoints) and fingerprint every relation. */
export async function fingerprintDatabase(dbPath: string): Promise<Fingerprint> {
  const instance = await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY', autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const connection = await instance.connect();
  const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  try {
    const out: Fingerprint = {};
    for (const view of await rows('select schema_name, view_name, sql from duckdb_views() where not internal order by 1, 2')) {
      out[`${view.schema_name}.${view.view_name}`] = `view:${createHash('sha256').update(String(view.sql)).digest('hex').slice(0, 16)}`;
    }
    for (const table of await rows('select schema_name, table_name from duckdb_tables() where not internal order by 1, 2')) {
      const name = `${quote(String(table.schema_name))}.${quote(String(table.table_name))}`;
      const columns = await rows(`select column_name, data_type from duckdb_columns() where schema_name = '${String(table.schema_name).replace(/'/g, "''")}' and table_name = '${String(table.table_name).replace(/'/g, "''")}' order by column_index`);
      const [content] = await rows(`select count(*)::varchar as n, coalesce(sum(hash(t)), 0)::varchar as h from ${name} t`);
      const shape = columns.map((c) => `${c.column_name} ${c.data_type}`).join(',');
      out[`${table.schema_name}.${table.table_name}`] = `table:${content.n}:${content.h}:${createHash('sha256').update(shape).digest('hex').slice(0, 8)}`;
    }
    return out;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Bytes and mtime of a file (and whether a WAL sits beside it): equal before and after = never written. */
export function fileState(path: string): string {
  // lstat, and hash regular files only: a test may put a symlink to /dev/full where the WAL goes.
  const state = (file: string) => {
    if (!existsSync(file) && !isSymlink(file)) return 'absent';
    const stat = lstatSync(file);
    if (!stat.isFile()) return `special:${stat.mode}`;
    return `${createHash('sha256').update(readFileSync(file)).digest('hex')}:${stat.mtimeMs}`;
  };
  return `${state(path)}+wal:${state(`${path}.wal`)}`;
}

function isSymlink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Relations built beside live ones (`<name>__strata_tmp`, `<name>__strata_delta`). */
export function isStagedName(key: string): boolean {
  return /__strata_(tmp|delta)$/.test(key);
}
