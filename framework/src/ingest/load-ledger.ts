/**
 * The load ledger `<schema>._strata_load_ledger`: one row per raw table saying which file
 * version it holds (one row per file for a table with `extra_files`). Re-running ingest compares against it to skip unchanged files. The SQL is
 * plain enough for DuckDB and Snowflake; types come from the dialect's macros.
 */
import type { Adapter, Connection } from '../adapters/adapter.js';
import type { Relation } from '../manifest/types.js';

export const LEDGER_TABLE = '_strata_load_ledger';

/** What the ledger records about one loaded file. */
export interface LedgerEntry {
  fileName: string;
  tableName: string;
  sourceUri: string;
  sizeBytes: number;
  /** Local file mtime in ms, for the size+mtime fast path; null for S3 objects. */
  modifiedMs: number | null;
  /** sha256 (local files) or ETag (S3 objects). */
  checksum: string;
  /** Hash of the declared columns, date format and delimiter: a changed spec means a reload. */
  specChecksum: string;
  rowCount: number;
  loadedAt: Date;
  seconds: number;
}

const COLUMNS = [
  'file_name',
  'table_name',
  'source_uri',
  'size_bytes',
  'modified_ms',
  'checksum',
  'spec_checksum',
  'row_count',
  'loaded_at',
  'seconds',
] as const;

/** The ledger's relation in `schema`. */
export function ledgerRelation(adapter: Adapter, schema: string): Relation {
  return { database: adapter.defaultDatabase, schema, identifier: LEDGER_TABLE };
}

/** `create table if not exists` for the ledger. */
export function planCreateLedger(adapter: Adapter, schema: string): string {
  const m = adapter.dialect.macros;
  const types: Record<(typeof COLUMNS)[number], string> = {
    file_name: m.type_string(),
    table_name: m.type_string(),
    source_uri: m.type_string(),
    size_bytes: m.type_bigint(),
    modified_ms: m.type_bigint(),
    checksum: m.type_string(),
    spec_checksum: m.type_string(),
    row_count: m.type_bigint(),
    loaded_at: m.type_timestamp(),
    seconds: m.type_float(),
  };
  const body = COLUMNS.map((c) => `  ${c} ${types[c]}`).join(',\n');
  return `create table if not exists ${adapter.dialect.relationName(ledgerRelation(adapter, schema))} (\n${body}\n)`;
}

/** UTC `YYYY-MM-DD HH:MM:SS.mmm`: a literal both warehouses cast to TIMESTAMP without a zone suffix. */
function timestampLiteral(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** Key of a ledger row in the map `readLedger` returns. */
export function ledgerKey(tableName: string, fileName: string): string {
  return `${tableName}\u0000${fileName}`;
}

/** Statement that deletes the ledger rows of a table, or of one file of it. */
export function planLedgerDelete(adapter: Adapter, schema: string, tableName: string, fileName?: string): { sql: string; binds: unknown[] } {
  const table = adapter.dialect.relationName(ledgerRelation(adapter, schema));
  return fileName === undefined
    ? { sql: `delete from ${table} where table_name = ?`, binds: [tableName] }
    : { sql: `delete from ${table} where table_name = ? and file_name = ?`, binds: [tableName, fileName] };
}

/**
 * Statements (with binds) that replace the ledger row of `entry.tableName` (scope `table`: the
 * table holds one file), or only the row of its file (scope `file`: a table with extra files).
 */
export function planLedgerWrite(adapter: Adapter, schema: string, entry: LedgerEntry, scope: 'table' | 'file' = 'table'): { sql: string; binds: unknown[] }[] {
  const table = adapter.dialect.relationName(ledgerRelation(adapter, schema));
  const values = COLUMNS.map((c) => (c === 'loaded_at' ? `cast(? as ${adapter.dialect.macros.type_timestamp()})` : '?'));
  return [
    planLedgerDelete(adapter, schema, entry.tableName, scope === 'file' ? entry.fileName : undefined),
    {
      sql: `insert into ${table} (${COLUMNS.join(', ')}) values (${values.join(', ')})`,
      binds: [
        entry.fileName,
        entry.tableName,
        entry.sourceUri,
        entry.sizeBytes,
        entry.modifiedMs,
        entry.checksum,
        entry.specChecksum,
        entry.rowCount,
        timestampLiteral(entry.loadedAt),
        entry.seconds,
      ],
    },
  ];
}

/** Column value by name, whatever case the warehouse returns keys in (Snowflake upper-cases). */
function field(row: Record<string, unknown>, name: string): unknown {
  return name in row ? row[name] : row[name.toUpperCase()];
}

function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

/** Every ledger row keyed by `ledgerKey(table, file)`. The ledger must exist (see `planCreateLedger`). */
export async function readLedger(adapter: Adapter, connection: Connection, schema: string): Promise<Map<string, LedgerEntry>> {
  const table = adapter.dialect.relationName(ledgerRelation(adapter, schema));
  const { rows } = await connection.execute(`select ${COLUMNS.join(', ')} from ${table}`);
  const entries = new Map<string, LedgerEntry>();
  for (const row of rows) {
    const modified = field(row, 'modified_ms');
    const entry: LedgerEntry = {
      fileName: String(field(row, 'file_name')),
      tableName: String(field(row, 'table_name')),
      sourceUri: String(field(row, 'source_uri')),
      sizeBytes: Number(field(row, 'size_bytes')),
      modifiedMs: modified === null || modified === undefined ? null : Number(modified),
      checksum: String(field(row, 'checksum')),
      specChecksum: String(field(row, 'spec_checksum')),
      rowCount: Number(field(row, 'row_count')),
      loadedAt: toDate(field(row, 'loaded_at')),
      seconds: Number(field(row, 'seconds')),
    };
    entries.set(ledgerKey(entry.tableName, entry.fileName), entry);
  }
  return entries;
}

/** The ledger rows of one table. */
export function ledgerEntriesOf(ledger: Map<string, LedgerEntry>, tableName: string): LedgerEntry[] {
  return [...ledger.values()].filter((e) => e.tableName === tableName);
}

/** Run ledger statements on `connection` (inside the caller's transaction, if any). */
export async function writeLedger(adapter: Adapter, connection: Connection, schema: string, entry: LedgerEntry, scope: 'table' | 'file' = 'table'): Promise<void> {
  for (const statement of planLedgerWrite(adapter, schema, entry, scope)) {
    await connection.execute(statement.sql, statement.binds);
  }
}
