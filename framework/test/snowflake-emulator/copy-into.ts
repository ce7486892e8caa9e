/**
 * `COPY INTO <table> FROM @<stage> FILE_FORMAT = (TYPE = CSV ...)`: each staged file is read with
 * DuckDB's CSV reader typed by the target table's columns, and the answer has Snowflake's COPY
 * result columns (file, status, rows_parsed, rows_loaded, ...). Snowflake format options are
 * translated one by one; unknown ones fail loudly rather than load something different.
 */
import { unlinkSync } from 'node:fs';
import { toStrftime } from '../../src/adapters/date-format.js';
import { fromDuckDbError, objectDoesNotExist, SnowflakeSqlError, unsupported } from './errors.js';
import { type Cell, rowTypeEntry, type RowTypeEntry } from './result-encoding.js';
import type { EmulatorSession } from './session.js';
import { booleanOption, listOption, matchingParen, type OptionMap, parseOptions, scalarOption } from './sql-options.js';
import { readQualifiedName } from './sql-rewrite.js';
import { duckDbStringLiteral as lit, identifierName, isKeyword, quoteIdent, type Token } from './sql-tokens.js';
import type { StagedFile, StageRegistry } from './stages.js';

/** A statement's answer before it is wrapped into the HTTP response. */
export interface StatementResult {
  rowtype: RowTypeEntry[];
  rows: Cell[][];
  statementTypeId: number;
}

/** Snowflake's statement type for COPY: in the DML range but not an insert, so no row count. */
const COPY_STATEMENT_TYPE = 0x3000;

const COPY_OPTIONS = new Set(['FILE_FORMAT', 'FILES', 'PATTERN', 'ON_ERROR', 'PURGE', 'FORCE', 'SIZE_LIMIT', 'RETURN_FAILED_ONLY', 'MATCH_BY_COLUMN_NAME', 'ENFORCE_LENGTH', 'TRUNCATECOLUMNS', 'LOAD_UNCERTAIN_FILES']);
const CSV_OPTIONS = new Set(['TYPE', 'FIELD_DELIMITER', 'SKIP_HEADER', 'FIELD_OPTIONALLY_ENCLOSED_BY', 'NULL_IF', 'EMPTY_FIELD_AS_NULL', 'DATE_FORMAT', 'TIMESTAMP_FORMAT', 'TIME_FORMAT', 'COMPRESSION', 'ERROR_ON_COLUMN_COUNT_MISMATCH', 'ESCAPE', 'ESCAPE_UNENCLOSED_FIELD', 'RECORD_DELIMITER', 'TRIM_SPACE', 'ENCODING', 'SKIP_BLANK_LINES', 'REPLACE_INVALID_CHARACTERS']);

const COPY_ROWTYPE: RowTypeEntry[] = [
  rowTypeEntry('file', 'text'),
  rowTypeEntry('status', 'text'),
  rowTypeEntry('rows_parsed', 'fixed', { precision: 38, scale: 0 }),
  rowTypeEntry('rows_loaded', 'fixed', { precision: 38, scale: 0 }),
  rowTypeEntry('error_limit', 'fixed', { precision: 38, scale: 0 }),
  rowTypeEntry('errors_seen', 'fixed', { precision: 38, scale: 0 }),
  rowTypeEntry('first_error', 'text'),
  rowTypeEntry('first_error_line', 'fixed', { precision: 38, scale: 0 }),
  rowTypeEntry('first_error_character', 'fixed', { precision: 38, scale: 0 }),
  rowTypeEntry('first_error_column_name', 'text'),
];

interface CopyStatement {
  table: string[];
  columns?: string[];
  reference: string;
  options: OptionMap;
}

function parseCopy(sig: Token[]): CopyStatement {
  if (sig[2]?.kind === 'stage' || sig[2]?.kind === 'string') throw unsupported('COPY INTO <location> (unload)');
  const name = readQualifiedName(sig, 2);
  let i = name.end;
  let columns: string[] | undefined;
  if (sig[i]?.text === '(') {
    const close = matchingParen(sig, i);
    columns = sig.slice(i + 1, close).filter((t) => t.kind === 'word' || t.kind === 'qident').map(identifierName);
    i = close + 1;
  }
  if (!isKeyword(sig[i], 'FROM')) throw new SnowflakeSqlError('001003', '42000', 'SQL compilation error:\nsyntax error: COPY INTO expects FROM');
  const source = sig[i + 1];
  if (source?.text === '(') throw unsupported('COPY with a transformation query (FROM (SELECT ...))');
  const reference = source?.kind === 'string' ? source.value : source?.text ?? '';
  if (!reference.startsWith('@')) throw unsupported(`COPY FROM ${reference} (only internal stages are emulated)`);
  return { table: name.parts.map(identifierName), columns, reference, options: parseOptions(sig, i + 2) };
}

/** The read_csv() call for one staged file, typed by the target columns. */
function readCsvSql(file: StagedFile, columns: { name: string; type: string }[], format: OptionMap, ignoreErrors: boolean): string {
  for (const key of Object.keys(format)) if (!CSV_OPTIONS.has(key)) throw unsupported(`FILE_FORMAT option ${key}`);
  const type = scalarOption(format, 'TYPE') ?? 'CSV';
  if (type !== 'CSV') throw unsupported(`FILE_FORMAT TYPE = ${type}`);
  const enclosedBy = scalarOption(format, 'FIELD_OPTIONALLY_ENCLOSED_BY') ?? 'NONE';
  const quote = enclosedBy.toUpperCase() === 'NONE' ? '' : enclosedBy;
  const nulls = listOption(format, 'NULL_IF') ?? ['\\N'];
  if (booleanOption(format, 'EMPTY_FIELD_AS_NULL', true)) nulls.push('');
  const compression = (scalarOption(format, 'COMPRESSION') ?? 'AUTO').toLowerCase();
  if (!['auto', 'gzip', 'none'].includes(compression)) throw unsupported(`COMPRESSION = ${compression}`);
  const strict = booleanOption(format, 'ERROR_ON_COLUMN_COUNT_MISMATCH', true);
  const options = [
    'header = false',
    `skip = ${Number(scalarOption(format, 'SKIP_HEADER') ?? 0)}`,
    `delim = ${lit(scalarOption(format, 'FIELD_DELIMITER') ?? ',')}`,
    `quote = ${lit(quote)}`,
    `escape = ${lit(quote)}`,
    `nullstr = [${nulls.map(lit).join(', ')}]`,
    // Snowflake keeps "" as an empty string when fields are enclosed.
    'allow_quoted_nulls = false',
    `columns = {${columns.map((c) => `${lit(c.name)}: ${lit(c.type)}`).join(', ')}}`,
    'auto_detect = false',
    `compression = ${lit(compression)}`,
    `strict_mode = ${strict}`,
    `null_padding = ${!strict}`,
    `ignore_errors = ${ignoreErrors}`,
  ];
  const dateFormat = scalarOption(format, 'DATE_FORMAT');
  if (dateFormat && dateFormat.toUpperCase() !== 'AUTO') options.push(`dateformat = ${lit(toStrftime(dateFormat))}`);
  const tsFormat = scalarOption(format, 'TIMESTAMP_FORMAT');
  if (tsFormat && tsFormat.toUpperCase() !== 'AUTO') options.push(`timestampformat = ${lit(toStrftime(tsFormat))}`);
  return `read_csv(${lit(file.path)}, ${options.join(', ')})`;
}

async function targetColumns(session: EmulatorSession, db: string, schema: string, table: string) {
  const reader = await session.conn.runAndReadAll(
    `SELECT column_name, data_type FROM duckdb_columns()
     WHERE database_name = ${lit(db)} AND schema_name = ${lit(schema)} AND table_name = ${lit(table)} ORDER BY column_index`,
  );
  return reader.getRows().map(([name, type]) => ({ name: String(name), type: String(type) }));
}

/** Run a COPY INTO statement (significant tokens, no trailing `;`). */
export async function copyIntoTable(session: EmulatorSession, registry: StageRegistry, sig: Token[]): Promise<StatementResult> {
  const copy = parseCopy(sig);
  for (const key of Object.keys(copy.options)) if (!COPY_OPTIONS.has(key)) throw unsupported(`COPY option ${key}`);
  const matchBy = scalarOption(copy.options, 'MATCH_BY_COLUMN_NAME');
  if (matchBy && matchBy !== 'NONE') throw unsupported('MATCH_BY_COLUMN_NAME for CSV');
  const target = session.qualify(copy.table);
  const allColumns = await targetColumns(session, target.database, target.schema, target.name);
  if (allColumns.length === 0) throw objectDoesNotExist(`${target.database}.${target.schema}.${target.name}`);
  const columns = copy.columns
    ? copy.columns.map((c) => {
        const found = allColumns.find((col) => col.name === c);
        if (!found) throw new SnowflakeSqlError('000904', '42000', `SQL compilation error: error line 1 at position 0\ninvalid identifier '${c}'`);
        return found;
      })
    : allColumns;
  const location = registry.resolve(session, copy.reference);
  const given = copy.options.FILE_FORMAT;
  if (typeof given === 'string' || Array.isArray(given)) throw unsupported('named file formats (FILE_FORMAT = <name>)');
  const format = { ...location.stage.fileFormat, ...given };
  if (format.FORMAT_NAME !== undefined) throw unsupported('named file formats (FORMAT_NAME)');
  const onError = (scalarOption(copy.options, 'ON_ERROR') ?? 'ABORT_STATEMENT').toUpperCase();
  const mode = onError.startsWith('SKIP_FILE') ? 'SKIP_FILE' : onError;
  if (!['ABORT_STATEMENT', 'CONTINUE', 'SKIP_FILE'].includes(mode)) throw unsupported(`ON_ERROR = ${onError}`);
  const tableKey = `${target.database}.${target.schema}.${target.name}`;
  const force = booleanOption(copy.options, 'FORCE', false);
  // FILES are relative to the referenced path (`@stage/dir` + 'a.csv' = 'dir/a.csv').
  const base = location.prefix && !location.prefix.endsWith('/') ? `${location.prefix}/` : location.prefix;
  const wanted = listOption(copy.options, 'FILES')?.map((f) => `${base}${f}`);
  const files = registry
    .listFiles(location, scalarOption(copy.options, 'PATTERN'))
    .filter((f) => !wanted || wanted.includes(f.name) || wanted.includes(f.name.replace(/\.gz$/, '')))
    .filter((f) => force || !registry.wasLoaded(tableKey, f));
  if (files.length === 0) {
    return { rowtype: [rowTypeEntry('status', 'text')], rows: [['Copy executed with 0 files processed.']], statementTypeId: COPY_STATEMENT_TYPE };
  }

  const insertInto = `INSERT INTO ${[target.database, target.schema, target.name].map(quoteIdent).join('.')} (${columns.map((c) => quoteIdent(c.name)).join(', ')})`;
  const ownTransaction = mode === 'ABORT_STATEMENT' && !session.inTransaction;
  if (ownTransaction) await session.conn.run('BEGIN TRANSACTION');
  const rows: Cell[][] = [];
  try {
    for (const file of files) {
      try {
        const loaded = (await session.conn.run(`${insertInto} SELECT * FROM ${readCsvSql(file, columns, format, mode === 'CONTINUE')}`)).rowsChanged;
        const parsed = mode === 'CONTINUE' ? await countRecords(session, file, columns, format) : loaded;
        const errors = parsed - loaded;
        rows.push([file.name, errors > 0 ? 'PARTIALLY_LOADED' : 'LOADED', String(parsed), String(loaded), mode === 'CONTINUE' ? String(parsed) : '1', String(errors), null, null, null, null]);
        registry.recordLoad(tableKey, file);
      } catch (err) {
        const mapped = fromDuckDbError(err);
        if (mode !== 'SKIP_FILE') throw withFileContext(mapped, file, err);
        const line = /CSV Error on Line: (\d+)/.exec(mapped.detail ?? '')?.[1] ?? null;
        rows.push([file.name, 'LOAD_FAILED', null, '0', '1', '1', mapped.message, line, '1', null]);
      }
    }
    if (ownTransaction) await session.conn.run('COMMIT');
  } catch (err) {
    if (ownTransaction) await session.conn.run('ROLLBACK').catch(() => undefined);
    throw err;
  }
  if (booleanOption(copy.options, 'PURGE', false)) {
    for (const file of files) if (rows.find((r) => r[0] === file.name)?.[1] !== 'LOAD_FAILED') unlinkSync(file.path);
  }
  return { rowtype: COPY_ROWTYPE, rows, statementTypeId: COPY_STATEMENT_TYPE };
}

/** Records in the file regardless of type errors (for ON_ERROR = CONTINUE's rows_parsed). */
async function countRecords(session: EmulatorSession, file: StagedFile, columns: { name: string }[], format: OptionMap): Promise<number> {
  const asText = columns.map((c) => ({ name: c.name, type: 'VARCHAR' }));
  const reader = await session.conn.runAndReadAll(`SELECT COUNT(*) FROM ${readCsvSql(file, asText, format, true)}`);
  return Number(reader.getRows()[0][0]);
}

/** Snowflake names the file and line of the first bad record and suggests ON_ERROR. */
function withFileContext(mapped: SnowflakeSqlError, file: StagedFile, original: unknown): SnowflakeSqlError {
  const line = /CSV Error on Line: (\d+)/.exec(original instanceof Error ? original.message : '')?.[1];
  const where = line ? `\n  File '${file.name}', line ${line}` : `\n  File '${file.name}'`;
  const hint = "\n  If you would like to continue loading when an error is encountered, use other values such as 'SKIP_FILE' or 'CONTINUE' for the ON_ERROR option.";
  return new SnowflakeSqlError(mapped.code, mapped.sqlState, `${mapped.message}${where}${hint}`, mapped.detail);
}
