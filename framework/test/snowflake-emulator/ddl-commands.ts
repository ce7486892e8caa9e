/**
 * Snowflake statements with no DuckDB twin, answered by the emulator itself: USE, ALTER SESSION,
 * ALTER TABLE ... SWAP WITH, CREATE/DROP DATABASE and the session effects of CREATE SCHEMA.
 */
import { randomBytes } from 'node:crypto';
import { createDatabase, databaseExists, dropDatabase, schemaExists } from './catalog.js';
import type { StatementResult } from './copy-into.js';
import { compilationError, objectDoesNotExist, unsupported } from './errors.js';
import { rowTypeEntry } from './result-encoding.js';
import type { EmulatorSession } from './session.js';
import { parseOptions } from './sql-options.js';
import { readQualifiedName } from './sql-rewrite.js';
import { duckDbStringLiteral as lit, identifierName, isKeyword, quoteIdent, type Token } from './sql-tokens.js';

/** Statement type ids the driver inspects (`connection/result/statement_type.js`). */
export const STATEMENT_TYPE = {
  select: 0x1000,
  insert: 0x3100,
  update: 0x3200,
  delete: 0x3300,
  merge: 0x3400,
  sessionControl: 0x4000,
  transaction: 0x5000,
  ddl: 0x6000,
} as const;

/** The one-row `status` answer Snowflake gives for DDL and session statements. */
export function statusResult(message: string, statementTypeId: number = STATEMENT_TYPE.ddl): StatementResult {
  return { rowtype: [rowTypeEntry('status', 'text')], rows: [[message]], statementTypeId };
}

export const EXECUTED = 'Statement executed successfully.';

function createObjectMissingError(): Error {
  return compilationError('002043', '02000', 'Object does not exist, or operation cannot be performed.');
}

/** USE [DATABASE|SCHEMA|WAREHOUSE|ROLE|SECONDARY ROLES] name. */
export async function useObject(session: EmulatorSession, sig: Token[]): Promise<StatementResult> {
  const kind = isKeyword(sig[1], 'DATABASE', 'SCHEMA', 'WAREHOUSE', 'ROLE', 'SECONDARY') ? sig[1].text.toUpperCase() : '';
  if (kind === 'SECONDARY') return statusResult(EXECUTED, STATEMENT_TYPE.sessionControl);
  const parts = readQualifiedName(sig, kind ? 2 : 1).parts.map(identifierName);
  if (parts.length === 0) throw compilationError('001003', '42000', 'syntax error: USE needs a name');
  if (kind === 'WAREHOUSE') session.warehouse = parts[0];
  else if (kind === 'ROLE') session.role = parts[0];
  else if (kind === 'SCHEMA' || parts.length === 2) {
    const database = parts.length === 2 ? parts[0] : session.database;
    const schema = parts[parts.length - 1];
    if (!database || !(await schemaExists(session.conn, database, schema))) throw createObjectMissingError();
    await session.use(database, schema);
  } else {
    if (!(await databaseExists(session.conn, parts[0]))) throw createObjectMissingError();
    await session.use(parts[0], 'PUBLIC');
  }
  return statusResult(EXECUTED, STATEMENT_TYPE.sessionControl);
}

/** ALTER SESSION SET k = v [, ...] / UNSET k [, ...]: recorded (QUERY_TAG!), otherwise no-op. */
export function alterSession(session: EmulatorSession, sig: Token[]): StatementResult {
  if (isKeyword(sig[2], 'SET')) {
    for (const [key, value] of Object.entries(parseOptions(sig, 3))) session.parameters.set(key, String(value));
  } else if (isKeyword(sig[2], 'UNSET')) {
    for (const t of sig.slice(3)) if (t.kind === 'word') session.parameters.delete(t.text.toUpperCase());
  } else {
    throw compilationError('001003', '42000', 'syntax error: ALTER SESSION expects SET or UNSET');
  }
  return statusResult(EXECUTED, STATEMENT_TYPE.sessionControl);
}

async function tableExists(session: EmulatorSession, db: string, schema: string, name: string): Promise<boolean> {
  const reader = await session.conn.runAndReadAll(
    `SELECT 1 FROM duckdb_tables() WHERE database_name = ${lit(db)} AND schema_name = ${lit(schema)} AND table_name = ${lit(name)}`,
  );
  return reader.currentRowCount > 0;
}

/** True for `ALTER TABLE [IF EXISTS] a SWAP WITH b`. */
export function isSwap(sig: Token[]): boolean {
  return isKeyword(sig[0], 'ALTER') && isKeyword(sig[1], 'TABLE') && sig.some((t, i) => isKeyword(t, 'SWAP') && isKeyword(sig[i + 1], 'WITH'));
}

/** SWAP as three renames in one transaction, so readers see either version, never neither. */
export async function swapTables(session: EmulatorSession, sig: Token[]): Promise<StatementResult> {
  const first = readQualifiedName(sig, isKeyword(sig[2], 'IF') ? 4 : 2);
  const second = readQualifiedName(sig, first.end + 2);
  const a = session.qualify(first.parts.map(identifierName));
  const b = session.qualify(second.parts.map(identifierName));
  if (a.database !== b.database || a.schema !== b.schema) throw unsupported('SWAP WITH a table in another schema');
  for (const t of [a, b]) {
    if (!(await tableExists(session, t.database, t.schema, t.name))) throw objectDoesNotExist(`${t.database}.${t.schema}.${t.name}`);
  }
  const qualified = (name: string) => [a.database, a.schema, name].map(quoteIdent).join('.');
  const parking = `${a.name}__SWAP_${randomBytes(4).toString('hex').toUpperCase()}`;
  const renames = [
    `ALTER TABLE ${qualified(a.name)} RENAME TO ${quoteIdent(parking)}`,
    `ALTER TABLE ${qualified(b.name)} RENAME TO ${quoteIdent(a.name)}`,
    `ALTER TABLE ${qualified(parking)} RENAME TO ${quoteIdent(b.name)}`,
  ];
  const own = !session.inTransaction;
  if (own) await session.conn.run('BEGIN TRANSACTION');
  try {
    for (const sql of renames) await session.conn.run(sql);
    if (own) await session.conn.run('COMMIT');
  } catch (err) {
    if (own) await session.conn.run('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return statusResult(EXECUTED);
}

/** Index of the object kind word in `CREATE [OR REPLACE] [modifiers] <KIND>` / `DROP <KIND>`. */
export function objectKindIndex(sig: Token[]): number {
  let i = 1;
  if (isKeyword(sig[1], 'OR') && isKeyword(sig[2], 'REPLACE')) i = 3;
  while (isKeyword(sig[i], 'TRANSIENT', 'TEMP', 'TEMPORARY', 'VOLATILE', 'SECURE', 'LOCAL', 'GLOBAL', 'RECURSIVE')) i++;
  return i;
}

/** The object name after `<KIND> [IF [NOT] EXISTS]`. */
export function objectNameAfter(sig: Token[], kindAt: number): string[] {
  let at = kindAt + 1;
  if (isKeyword(sig[at], 'IF')) at += isKeyword(sig[at + 1], 'NOT') ? 3 : 2;
  return readQualifiedName(sig, at).parts.map(identifierName);
}

/** CREATE [OR REPLACE] DATABASE [IF NOT EXISTS] d; like Snowflake, it becomes the current one. */
export async function createDatabaseStatement(session: EmulatorSession, sig: Token[]): Promise<StatementResult> {
  const kindAt = objectKindIndex(sig);
  const [name] = objectNameAfter(sig, kindAt);
  const orReplace = isKeyword(sig[1], 'OR');
  if (await databaseExists(session.conn, name)) {
    if (isKeyword(sig[kindAt + 1], 'IF')) return statusResult(`${name} already exists, statement succeeded.`);
    if (!orReplace) throw compilationError('002002', '42710', `Object '${name}' already exists.`);
    if (session.database === name) await session.conn.run('USE memory.main');
    await dropDatabase(session.conn, name);
  }
  await createDatabase(session.conn, name);
  await session.use(name, 'PUBLIC');
  return statusResult(`Database ${name} successfully created.`);
}

export async function dropDatabaseStatement(session: EmulatorSession, sig: Token[]): Promise<StatementResult> {
  const [name] = objectNameAfter(sig, 1);
  if (!(await databaseExists(session.conn, name))) {
    if (isKeyword(sig[2], 'IF')) return statusResult(`Drop statement executed successfully (${name} already dropped).`);
    throw compilationError('002003', '02000', `Database '${name}' does not exist or not authorized.`);
  }
  if (session.database === name) {
    await session.conn.run('USE memory.main');
    session.database = null;
    session.schema = null;
  }
  await dropDatabase(session.conn, name);
  return statusResult(`${name} successfully dropped.`);
}

/**
 * CREATE SCHEMA runs on DuckDB (OR REPLACE as drop + create); a newly created schema becomes the
 * session's current schema, as in Snowflake.
 */
export async function createSchemaStatement(session: EmulatorSession, sig: Token[]): Promise<StatementResult> {
  const kindAt = objectKindIndex(sig);
  const parts = objectNameAfter(sig, kindAt);
  const database = parts.length > 1 ? parts[0] : session.database;
  const schema = parts[parts.length - 1];
  if (!database) throw compilationError('090105', '22000', 'Cannot perform CREATE SCHEMA. This session does not have a current database. Call \'USE DATABASE\', or use a qualified name.');
  const target = `${quoteIdent(database)}.${quoteIdent(schema)}`;
  const exists = await schemaExists(session.conn, database, schema);
  if (exists && isKeyword(sig[kindAt + 1], 'IF')) return statusResult(`${schema} already exists, statement succeeded.`);
  if (exists && !isKeyword(sig[1], 'OR')) throw compilationError('002002', '42710', `Object '${schema}' already exists.`);
  if (exists) await session.conn.run(`DROP SCHEMA ${target} CASCADE`);
  await session.conn.run(`CREATE SCHEMA ${target}`);
  await session.use(database, schema);
  return statusResult(`Schema ${schema} successfully created.`);
}
