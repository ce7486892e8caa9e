/**
 * Executes one query-request: Snowflake-only commands are answered by the emulator, everything
 * else is rewritten mechanically (sql-rewrite.ts) and run on the session's DuckDB connection.
 * DML answers are rows, like Snowflake's (`number of rows inserted`, ...).
 */
import { unlinkSync } from 'node:fs';
import type { DuckDBValue } from '@duckdb/node-api';
import { buildDescribeSql, buildShowSql, type ShowRequest } from './catalog.js';
import { copyIntoTable, type StatementResult } from './copy-into.js';
import {
  alterSession,
  createDatabaseStatement,
  createSchemaStatement,
  dropDatabaseStatement,
  EXECUTED,
  isSwap,
  objectKindIndex,
  objectNameAfter,
  STATEMENT_TYPE,
  statusResult,
  swapTables,
  useObject,
} from './ddl-commands.js';
import { compilationError, fromDuckDbError, SnowflakeSqlError, unsupported } from './errors.js';
import { encodeResult, describeColumn, rowTypeEntry } from './result-encoding.js';
import type { EmulatorSession } from './session.js';
import { readQualifiedName, rewriteForDuckDb, type BindValue } from './sql-rewrite.js';
import { identifierName, isKeyword, significantTokens, splitStatements, tokenizeSql, type Token } from './sql-tokens.js';
import { parseStageCommand, putUploadData, type StageRegistry } from './stages.js';

export interface QueryRequest {
  sqlText: string;
  bindings?: Record<string, BindValue>;
  /** Statement-level parameters (`QUERY_TAG`, `MULTI_STATEMENT_COUNT`, ...). */
  parameters?: Record<string, unknown>;
  describeOnly?: boolean;
}

/** Rows for the client, or PUT's upload instructions (the driver then copies the file). */
export type StatementOutcome = { kind: 'rows'; result: StatementResult } | { kind: 'upload'; data: Record<string, unknown> };

/** Run one query-request on a session. Throws SnowflakeSqlError for anything that fails. */
export async function executeStatement(session: EmulatorSession, stages: StageRegistry, request: QueryRequest): Promise<StatementOutcome> {
  const statements = splitStatements(tokenizeSql(request.sqlText));
  if (statements.length === 0) throw new SnowflakeSqlError('000900', '42000', 'Empty SQL statement.');
  if (statements.length > 1) {
    // Snowflake refuses `a; b` unless MULTI_STATEMENT_COUNT is set; its multi-result protocol is not emulated.
    throw new SnowflakeSqlError('000008', '0A000', `Actual statement count ${statements.length} did not match the desired statement count 1.`);
  }
  const tokens = statements[0];
  const sig = significantTokens(tokens);
  const first = sig[0].text.toUpperCase();
  try {
    if (first === 'PUT') return { kind: 'upload', data: putUploadData(session, stages, request.sqlText) };
    return { kind: 'rows', result: await dispatch(session, stages, tokens, sig, request) };
  } catch (err) {
    throw fromDuckDbError(err);
  }
}

async function dispatch(session: EmulatorSession, stages: StageRegistry, tokens: Token[], sig: Token[], request: QueryRequest): Promise<StatementResult> {
  const first = sig[0].text.toUpperCase();
  const kindAt = objectKindIndex(sig);
  const kind = sig[kindAt]?.text.toUpperCase();
  switch (first) {
    case 'GET':
      throw unsupported('GET');
    case 'LIST':
    case 'LS':
      return listStage(session, stages, request.sqlText);
    case 'REMOVE':
    case 'RM':
      return removeFromStage(session, stages, request.sqlText);
    case 'USE':
      return useObject(session, sig);
    case 'COPY':
      return copyIntoTable(session, stages, sig);
    case 'SHOW':
      return runQuery(session, buildShowSql(parseShow(session, sig)), []);
    case 'DESC':
    case 'DESCRIBE':
      return describe(session, sig);
    case 'BEGIN':
    case 'START':
    case 'COMMIT':
    case 'ROLLBACK':
      await session.conn.run(first === 'COMMIT' || first === 'ROLLBACK' ? first : 'BEGIN TRANSACTION');
      session.inTransaction = first === 'BEGIN' || first === 'START';
      return statusResult(EXECUTED, STATEMENT_TYPE.transaction);
    case 'ALTER':
      if (isKeyword(sig[1], 'SESSION')) return alterSession(session, sig);
      if (isSwap(sig)) return swapTables(session, sig);
      await runStatement(session, tokens, request);
      return statusResult(EXECUTED);
    case 'CREATE':
      if (kind === 'STAGE') return statusResult(stages.create(session, request.sqlText));
      if (kind === 'DATABASE') return createDatabaseStatement(session, sig);
      if (kind === 'SCHEMA') return createSchemaStatement(session, sig);
      await runStatement(session, tokens, request);
      return statusResult(`${toTitleCase(kind)} ${readObjectName(sig, kindAt)} successfully created.`);
    case 'DROP':
      if (kind === 'STAGE') return statusResult(stages.drop(session, readStageName(sig), isKeyword(sig[2], 'IF')));
      if (kind === 'DATABASE') return dropDatabaseStatement(session, sig);
      // Snowflake drops a schema with its contents; DuckDB wants CASCADE for that.
      await runStatement(session, kind === 'SCHEMA' && !sig.some((t) => isKeyword(t, 'CASCADE')) ? [...tokens, ...tokenizeSql(' CASCADE')] : tokens, request);
      return statusResult(`${readObjectName(sig, kindAt)} successfully dropped.`);
    case 'TRUNCATE':
      await runStatement(session, tokens, request);
      return statusResult(EXECUTED);
    case 'INSERT':
    case 'UPDATE':
    case 'DELETE':
    case 'MERGE':
      return runDml(session, tokens, sig, request);
    default:
      return runSelect(session, tokens, request);
  }
}

function toTitleCase(word: string | undefined): string {
  return word ? word[0] + word.slice(1).toLowerCase() : 'Object';
}

function readObjectName(sig: Token[], kindAt: number): string {
  const parts = objectNameAfter(sig, kindAt);
  return parts[parts.length - 1] ?? '';
}

function readStageName(sig: Token[]): string {
  const at = isKeyword(sig[2], 'IF') ? 4 : 2;
  return readQualifiedName(sig, at).tokens.map((t) => t.text).join('');
}

/** DuckDB parameter values for one row of (possibly array) binds. */
function bindValues(keys: string[], bindings: Record<string, BindValue> | undefined, row: number): DuckDBValue[] {
  return keys.map((key) => {
    const bind = bindings?.[key] ?? bindings?.[key.toUpperCase()];
    if (!bind) throw compilationError('002049', '42601', `error line 1 at position 0\nBind variable ${/^\d+$/.test(key) ? '?' : `:${key}`} not set.`);
    const raw = Array.isArray(bind.value) ? bind.value[row] : bind.value;
    if (raw === null || raw === undefined) return null;
    switch (bind.type.toUpperCase()) {
      case 'FIXED':
        return /^-?\d+$/.test(raw) ? BigInt(raw) : Number(raw);
      case 'REAL':
        return Number(raw);
      case 'BOOLEAN':
        return raw === '1' || raw.toUpperCase() === 'TRUE';
      default:
        return raw;
    }
  });
}

function arrayBindRows(bindings: Record<string, BindValue> | undefined): number | undefined {
  const arrays = Object.values(bindings ?? {}).filter((b) => Array.isArray(b.value));
  return arrays.length === 0 ? undefined : (arrays[0].value as unknown[]).length;
}

/** Run a statement whose own result does not matter (DDL); returns rows changed. */
async function runStatement(session: EmulatorSession, tokens: Token[], request: QueryRequest): Promise<number> {
  const { sql, paramKeys } = rewriteForDuckDb(tokens, request.bindings);
  const result = await session.conn.run(sql, bindValues(paramKeys, request.bindings, 0));
  return Number(result.rowsChanged);
}

async function runQuery(session: EmulatorSession, sql: string, values: DuckDBValue[]): Promise<StatementResult> {
  const reader = await session.conn.runAndReadAll(sql, values);
  const { rowtype, rows } = encodeResult(reader);
  return { rowtype, rows, statementTypeId: STATEMENT_TYPE.select };
}

async function runSelect(session: EmulatorSession, tokens: Token[], request: QueryRequest): Promise<StatementResult> {
  const { sql, paramKeys } = rewriteForDuckDb(tokens, request.bindings);
  if (request.describeOnly) {
    const prepared = await session.conn.prepare(sql);
    const rowtype = Array.from({ length: prepared.columnCount }, (_, i) => describeColumn(prepared.columnName(i), prepared.columnType(i)));
    return { rowtype, rows: [], statementTypeId: STATEMENT_TYPE.select };
  }
  return runQuery(session, sql, bindValues(paramKeys, request.bindings, 0));
}

const fixedColumn = (name: string) => rowTypeEntry(name, 'fixed', { precision: 38, scale: 0 });

/** INSERT/UPDATE/DELETE/MERGE, once or per row of an array bind, answered with count rows. */
async function runDml(session: EmulatorSession, tokens: Token[], sig: Token[], request: QueryRequest): Promise<StatementResult> {
  const verb = sig[0].text.toUpperCase();
  const rewritten = rewriteForDuckDb(tokens, request.bindings);
  // MERGE reports inserted/updated/deleted separately; DuckDB tells us through RETURNING.
  const sql = verb === 'MERGE' ? `${rewritten.sql} RETURNING merge_action` : rewritten.sql;
  const rowCount = arrayBindRows(request.bindings) ?? 1;
  const counts = { INSERT: 0, UPDATE: 0, DELETE: 0, total: 0 };
  for (let row = 0; row < rowCount; row++) {
    const values = bindValues(rewritten.paramKeys, request.bindings, row);
    if (verb === 'MERGE') {
      const reader = await session.conn.runAndReadAll(sql, values);
      for (const [action] of reader.getRows()) counts[String(action) as 'INSERT' | 'UPDATE' | 'DELETE'] += 1;
    } else {
      counts.total += Number((await session.conn.run(sql, values)).rowsChanged);
    }
  }
  switch (verb) {
    case 'INSERT':
      return { rowtype: [fixedColumn('number of rows inserted')], rows: [[String(counts.total)]], statementTypeId: STATEMENT_TYPE.insert };
    case 'UPDATE':
      return {
        rowtype: [fixedColumn('number of rows updated'), fixedColumn('number of multi-joined rows updated')],
        rows: [[String(counts.total), '0']],
        statementTypeId: STATEMENT_TYPE.update,
      };
    case 'DELETE':
      return { rowtype: [fixedColumn('number of rows deleted')], rows: [[String(counts.total)]], statementTypeId: STATEMENT_TYPE.delete };
    default: {
      const hasDelete = sig.some((t, i) => isKeyword(t, 'THEN') && isKeyword(sig[i + 1], 'DELETE'));
      const rowtype = [fixedColumn('number of rows inserted'), fixedColumn('number of rows updated')];
      const values = [String(counts.INSERT), String(counts.UPDATE)];
      if (hasDelete) {
        rowtype.push(fixedColumn('number of rows deleted'));
        values.push(String(counts.DELETE));
      }
      return { rowtype, rows: [values], statementTypeId: STATEMENT_TYPE.merge };
    }
  }
}

/** SHOW [TERSE] <kind> [LIKE '<p>'] [IN ACCOUNT | IN DATABASE [d] | IN [SCHEMA] [d.]s]. */
function parseShow(session: EmulatorSession, sig: Token[]): ShowRequest {
  let i = isKeyword(sig[1], 'TERSE') ? 2 : 1;
  const kind = sig[i]?.text.toUpperCase();
  if (!['DATABASES', 'SCHEMAS', 'TABLES', 'VIEWS', 'OBJECTS'].includes(kind)) throw unsupported(`SHOW ${kind}`);
  const request: ShowRequest = { kind: kind as ShowRequest['kind'] };
  i++;
  if (isKeyword(sig[i], 'LIKE') && sig[i + 1]?.kind === 'string') {
    request.like = sig[i + 1].value;
    i += 2;
  }
  const scopeDefault = kind === 'SCHEMAS' ? { database: session.database ?? undefined } : { database: session.database ?? undefined, schema: session.schema ?? 'PUBLIC' };
  if (!isKeyword(sig[i], 'IN')) return { ...request, ...(kind === 'DATABASES' ? {} : scopeDefault) };
  const scope = sig[i + 1]?.text.toUpperCase();
  if (scope === 'ACCOUNT') return request;
  const nameAt = scope === 'DATABASE' || scope === 'SCHEMA' ? i + 2 : i + 1;
  const parts = readQualifiedName(sig, nameAt).parts.map(identifierName);
  if (scope === 'DATABASE') return { ...request, database: parts[0] ?? session.database ?? undefined };
  const database = parts.length > 1 ? parts[0] : (session.database ?? undefined);
  return { ...request, database, schema: parts[parts.length - 1] ?? session.schema ?? undefined };
}

/** DESC[RIBE] [TABLE|VIEW] name. */
async function describe(session: EmulatorSession, sig: Token[]): Promise<StatementResult> {
  const at = isKeyword(sig[1], 'TABLE', 'VIEW') ? 2 : 1;
  const target = session.qualify(readQualifiedName(sig, at).parts.map(identifierName));
  const result = await runQuery(session, buildDescribeSql(target.database, target.schema, target.name), []);
  if (result.rows.length === 0) throw compilationError('002003', '42S02', `Object '${target.database}.${target.schema}.${target.name}' does not exist or not authorized.`);
  return result;
}

async function listStage(session: EmulatorSession, stages: StageRegistry, sqlText: string): Promise<StatementResult> {
  const { reference, pattern } = parseStageCommand(sqlText);
  const location = stages.resolve(session, reference);
  const rows = stages.listFiles(location, pattern).map((f) => [
    location.stage.label ? `${location.stage.label}/${f.name}` : f.name,
    String(f.size),
    null,
    new Date(f.mtimeMs).toUTCString(),
  ]);
  const rowtype = [rowTypeEntry('name', 'text'), fixedColumn('size'), rowTypeEntry('md5', 'text'), rowTypeEntry('last_modified', 'text')];
  return { rowtype, rows, statementTypeId: STATEMENT_TYPE.select };
}

async function removeFromStage(session: EmulatorSession, stages: StageRegistry, sqlText: string): Promise<StatementResult> {
  const { reference, pattern } = parseStageCommand(sqlText);
  const location = stages.resolve(session, reference);
  const rows = stages.listFiles(location, pattern).map((f) => {
    unlinkSync(f.path);
    return [location.stage.label ? `${location.stage.label}/${f.name}` : f.name, 'removed'];
  });
  return { rowtype: [rowTypeEntry('name', 'text'), rowTypeEntry('result', 'text')], rows, statementTypeId: STATEMENT_TYPE.select };
}
