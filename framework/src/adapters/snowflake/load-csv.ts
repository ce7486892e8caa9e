/**
 * Bulk CSV load the Snowflake way: PUT the local file to the table stage of a staging table,
 * COPY INTO it, then swap the staging table into place. The live relation is replaced only
 * once the whole file loaded; a bad row aborts the COPY and leaves the live relation untouched.
 * The table stage (`@db.schema.%table`) needs no CREATE STAGE privilege and disappears with
 * the staging table.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Relation } from '../../manifest/types.js';
import type { Connection, CsvLoadRequest, CsvLoadResult, Introspector, SqlDialect } from '../adapter.js';
import { userError } from '../../errors/strata-error.js';

const STRFTIME_TO_SNOWFLAKE: Record<string, string> = {
  Y: 'YYYY',
  y: 'YY',
  m: 'MM',
  d: 'DD',
  b: 'MON',
  a: 'DY',
  H: 'HH24',
  I: 'HH12',
  M: 'MI',
  S: 'SS',
  f: 'FF',
  p: 'AM',
};

/** `%d.%m.%Y` -> `DD.MM.YYYY` (the request uses strftime, Snowflake its own format language). */
export function toSnowflakeDateFormat(strftime: string): string {
  let out = '';
  for (let i = 0; i < strftime.length; i++) {
    const ch = strftime[i];
    if (ch !== '%') {
      // Letters in a Snowflake format are format elements unless double-quoted.
      out += /[A-Za-z]/.test(ch) ? `"${ch}"` : ch;
      continue;
    }
    const code = strftime[++i];
    if (code === '%') out += '%';
    else if (code !== undefined && STRFTIME_TO_SNOWFLAKE[code]) out += STRFTIME_TO_SNOWFLAKE[code];
    else throw userError('E_CONFIG', `Date format '${strftime}': %${code ?? ''} has no Snowflake equivalent.`);
  }
  return out;
}

/** The `@db.schema.%table` stage reference of a table. */
function formatTableStage(dialect: SqlDialect, relation: Relation): string {
  const parts = [relation.database, relation.schema].filter((p): p is string => !!p).map(dialect.quoteIdentifier);
  return `@${[...parts, `%${dialect.quoteIdentifier(relation.identifier)}`].join('.')}`;
}

export interface SnowflakeCsvLoadOptions {
  /** Create the loaded table TRANSIENT (the target's `transient` setting; default true). */
  transient?: boolean;
}

/** The statements of a load, in order (exported for golden tests). */
export function planSnowflakeCsvLoad(
  dialect: SqlDialect,
  request: CsvLoadRequest,
  staging: Relation,
  options: SnowflakeCsvLoadOptions = {},
): { prepare: string[]; copy: string } {
  const file = resolve(request.file);
  if (file.includes("'")) throw userError('E_INGEST', `Cannot PUT ${file}: the path contains a single quote.`);
  const columns = request.columns.map((c) => `${dialect.quoteIdentifier(c.name)} ${c.type}`).join(', ');
  const stage = formatTableStage(dialect, staging);
  const format = [
    'TYPE = CSV',
    `FIELD_DELIMITER = ${dialect.stringLiteral(request.delimiter ?? ',')}`,
    `SKIP_HEADER = ${request.header ? 1 : 0}`,
    `FIELD_OPTIONALLY_ENCLOSED_BY = '"'`,
    // Snowflake treats `\` in unquoted fields as an escape by default; DuckDB reads it literally.
    'ESCAPE_UNENCLOSED_FIELD = NONE',
    'EMPTY_FIELD_AS_NULL = TRUE',
    'ERROR_ON_COLUMN_COUNT_MISMATCH = TRUE',
  ];
  if (request.dateFormat) format.push(`DATE_FORMAT = ${dialect.stringLiteral(toSnowflakeDateFormat(request.dateFormat))}`);
  const columnList = request.columns.map((c) => dialect.quoteIdentifier(c.name)).join(', ');
  return {
    prepare: [
      // The staging table becomes the live table, so it is created the way tables are.
      `CREATE OR REPLACE ${(options.transient ?? true) ? 'TRANSIENT ' : ''}TABLE ${dialect.relationName(staging)} (${columns})`,
      `PUT 'file://${file}' ${stage} AUTO_COMPRESS = TRUE OVERWRITE = TRUE`,
    ],
    copy: `COPY INTO ${dialect.relationName(staging)} (${columnList}) FROM ${stage} FILE_FORMAT = (${format.join(' ')}) ON_ERROR = ABORT_STATEMENT PURGE = TRUE`,
  };
}

/** Load `request.file` into `request.relation`, replacing its contents. */
export async function loadSnowflakeCsv(
  connection: Connection,
  dialect: SqlDialect,
  introspector: Introspector,
  request: CsvLoadRequest,
  options: SnowflakeCsvLoadOptions = {},
): Promise<CsvLoadResult> {
  if (!existsSync(request.file)) throw userError('E_INGEST', `CSV file ${request.file} does not exist.`, { file: request.file });
  const staging: Relation = { ...request.relation, identifier: `${request.relation.identifier}__strata_load` };
  const plan = planSnowflakeCsvLoad(dialect, request, staging, options);
  try {
    for (const sql of plan.prepare) await connection.execute(sql);
    const copied = await connection.execute(plan.copy);
    // One row per file; "Copy executed with 0 files processed." has no rows_loaded column.
    const rows = copied.rows.reduce((sum, row) => sum + Number(row.rows_loaded ?? 0), 0);
    for (const c of request.constants ?? []) {
      await connection.execute(dialect.addColumn(staging, { name: c.name, type: 'VARCHAR' }, c.value));
    }
    const live = await introspector.getRelation(request.relation);
    for (const sql of dialect.swapIntoPlace(staging, request.relation, live?.kind ?? null)) await connection.execute(sql);
    return { rows };
  } catch (err) {
    await connection.execute(dialect.dropRelation(staging, 'table')).catch(() => undefined);
    throw err;
  }
}
