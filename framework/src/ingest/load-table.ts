/**
 * Load one local CSV into its raw table without ever exposing a half-loaded table: bulk load
 * into `<table>__strata_tmp`, validate, then swap it into place together with the ledger row
 * (one transaction where the warehouse has transactional DDL). Any failure leaves the previous
 * table as it was.
 */
import type { Adapter, ColumnType, Connection, CsvLoadRequest } from '../adapters/adapter.js';
import { userError } from '../errors/strata-error.js';
import type { Relation } from '../manifest/types.js';
import { explainLoadError } from './explain-load-error.js';
import { writeLedger, type LedgerEntry } from './load-ledger.js';

/** Suffix of the staging table a load goes to before the swap. */
export const STAGING_SUFFIX = '__strata_tmp';

/** One table load. */
export interface TableLoad {
  adapter: Adapter;
  connection: Connection;
  schema: string;
  table: string;
  /** Local file to load. */
  path: string;
  /** Name users see in errors (project-relative path or s3:// URI). */
  displayFile: string;
  columns: ColumnType[];
  delimiter?: string;
  /** strftime format for DATE columns. */
  dateFormat?: string;
  /**
   * Ledger row to commit with the swap; awaited only after the bulk load succeeded, so a
   * checksum can be computed while the warehouse reads the file.
   */
  ledger: (rows: number) => Promise<LedgerEntry>;
}

export function relationIn(adapter: Adapter, schema: string, identifier: string): Relation {
  return { database: adapter.defaultDatabase, schema, identifier };
}

/** Drop the staging table, ignoring errors: it is only ever cleanup on a path that already failed. */
export async function dropStaging(load: Pick<TableLoad, 'adapter' | 'connection'>, staged: Relation): Promise<void> {
  await load.connection.execute(load.adapter.dialect.dropRelation(staged, 'table')).catch(() => undefined);
}

/** The staged table must have exactly the declared columns, in order. */
async function validateStaged(load: Omit<TableLoad, 'ledger'>, staged: Relation, extra: string[]): Promise<void> {
  // A zero-row select reports the columns in a millisecond; information_schema takes ~10 ms.
  const { columns } = await load.connection.execute(`select * from ${load.adapter.dialect.relationName(staged)} where 1 = 0`);
  const names = columns.map((c) => c.name.toLowerCase());
  const expected = [...load.columns.map((c) => c.name), ...extra].map((name) => name.toLowerCase());
  if (names.length !== expected.length || names.some((n, i) => n !== expected[i])) {
    throw userError('E_INGEST', `The loaded table has columns (${names.join(', ')}), expected (${expected.join(', ')}).`, {
      file: load.displayFile,
      hint: 'The warehouse renamed or dropped columns while loading; check the column names in ingest.files (project.yml).',
    }, 1);
  }
}

/** Put `staged` in `live`'s place with the dialect's swap statements (in no transaction of their own). */
export async function swapTable(load: Pick<TableLoad, 'adapter' | 'connection'>, staged: Relation, live: Relation): Promise<void> {
  const existing = await load.adapter.introspector(load.connection).getRelation(live);
  for (const sql of load.adapter.dialect.swapIntoPlace(staged, live, existing?.kind ?? null)) await load.connection.execute(sql);
}

/**
 * Swap the staged table into place and write the ledger (`writeLedgerRows`), atomically where
 * the adapter allows.
 */
export async function swapIntoPlace(
  load: Pick<TableLoad, 'adapter' | 'connection'>,
  staged: Relation,
  live: Relation,
  writeLedgerRows: () => Promise<void>,
): Promise<void> {
  const { adapter, connection } = load;
  if (adapter.capabilities.transactionalDdl) {
    await connection.execute(adapter.dialect.beginTransaction());
    try {
      await swapTable(load, staged, live);
      await writeLedgerRows();
      await connection.execute(adapter.dialect.commit());
    } catch (err) {
      await connection.execute(adapter.dialect.rollback()).catch(() => undefined);
      throw err;
    }
    return;
  }
  // Without transactional DDL the swap itself is atomic (e.g. Snowflake `swap with`); the ledger
  // follows it, so a crash in between only causes one needless reload next time.
  await swapTable(load, staged, live);
  await writeLedgerRows();
  await dropStaging(load, staged);
}

/**
 * Bulk-load `load.path` into `staged` (replacing it) and check its columns; returns the row
 * count. On failure the staged table is dropped and the error names file and line (`E_INGEST`).
 */
export async function stageCsv(load: Omit<TableLoad, 'ledger'>, staged: Relation, constants?: CsvLoadRequest['constants']): Promise<number> {
  const { adapter, connection } = load;
  let rows: number;
  try {
    const result = await adapter.loadCsv(connection, {
      file: load.path,
      relation: staged,
      columns: load.columns,
      header: true,
      delimiter: load.delimiter,
      dateFormat: load.dateFormat,
      ...(constants?.length ? { constants } : {}),
    });
    // DuckDB's node API reports 0 changed rows for CREATE TABLE AS (the count comes back as a
    // result row instead), so ask the table when the loader says 0; a count(*) is metadata-cheap.
    rows = result.rows > 0 ? result.rows : await adapter.introspector(connection).rowCount(staged);
  } catch (err) {
    await dropStaging(load, staged);
    throw await explainLoadError(err, {
      path: load.path,
      displayFile: load.displayFile,
      table: load.table,
      dateFormat: load.dateFormat,
    });
  }
  try {
    await validateStaged(load, staged, constants?.map((c) => c.name) ?? []);
  } catch (err) {
    await dropStaging(load, staged);
    throw err;
  }
  return rows;
}

/** Bulk-load, validate and swap; returns the row count. Throws `E_INGEST` with file and line on bad data. */
export async function loadTable(load: TableLoad): Promise<number> {
  const { adapter } = load;
  const staged = relationIn(adapter, load.schema, `${load.table}${STAGING_SUFFIX}`);
  const live = relationIn(adapter, load.schema, load.table);
  const rows = await stageCsv(load, staged);
  try {
    const entry = await load.ledger(rows);
    await swapIntoPlace(load, staged, live, () => writeLedger(adapter, load.connection, load.schema, entry));
  } catch (err) {
    await dropStaging(load, staged);
    throw err;
  }
  return rows;
}
